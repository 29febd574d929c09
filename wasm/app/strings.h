// Invoke Lab canvas: the learner-facing strings, in Korean and English.
//
// Index
//   Lang            ko | en, chosen by the page (il_set_lang); C++ remembers nothing between visits
//   S               one id per string
//   tr(S)           the string in the current language
//   set_lang / lang / lang_code / parse_lang
//
// Every non-ASCII character of strings.cpp is kept by the font subset, so text added there
// always renders; text composed elsewhere in Korean would not be guaranteed a glyph.
#pragma once
#include <string>

namespace invokelab::ui {

enum class Lang { Ko, En };

enum class S : int {
    Play, Pause, Speed, NextEvent, Reset, Seed, Clock, FollowNow, Zoom,
    SyncLane, AsyncLane, NoRequests, Request, Attempt, Outcome, Started, Ended, Duration,
    Running, Success, Error, Timeout, WaitingRetry, RetryIn, Accepted, DlqArrival, DlqFailed,
    Queued, State, Condition, Status,
    TabQueue, TabFunction, TabDlq, TabLogs,
    QueueEmpty, QueueScheduled, QueueEvent, QueueDue, QueueAge, QueueWaiting, QueueHint,
    FunctionEnvs, EnvId, EnvBusy, EnvIdle, EnvCold, EnvWarm, EnvServed, EnvCurrent, EnvCreated, NoEnvs,
    FunctionConfig, Memory, TimeoutCfg, Runtime, InvocationsTotal,
    DlqNone, DlqPoll, DlqMessages, DlqBody, DlqAttributes, DlqNoMessages, DlqVisible, DlqInFlight, DlqHint,
    LogsFilter, LogsNoGroups, LogsAllStreams, LogsClear, LogsHint,
    LegendTitle, AxisHint, Language, Now, ResetDone, LoadingFont,
    TabFlow, FlowCaller, FlowCallerHint, FlowService, FlowQueue, FlowFunction, FlowDlq, FlowDestinations, FlowDone,
    FlowMore, FlowHint, FlowPayload, FlowHistory, FlowNoDlq, FlowIdle,
    TabMetrics, MetricsHint, MetricsPerBar,
    TraceKeeps, TraceSummarised, LogsKeeps, LogsSummarised,
    DuplicateDelivery,
    WaitsCompressed, BreakHint,
    TabStores, StoresEmpty, StoresTables, StoresKv, StoresKey, StoresAttributes, StoresValue, StoresTtl, StoresChanged,
    StoresNoItems, StoresHint, StoresItems, StoresNoTtl, StoresItem,
    FlowHintShort, FlowDestinationsShort, FlowDoneShort,   // the flow view on a narrow canvas
    Count
};

void set_lang(Lang lang);
Lang lang();
const char* lang_code();                            // "ko" | "en"
bool parse_lang(const std::string& code, Lang& out);
const char* tr(S id);

} // namespace invokelab::ui
