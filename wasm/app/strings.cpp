// Invoke Lab canvas: the strings table (English, Korean), in S order.
// Wording aims at a learner who has never seen Lambda's retry machinery: say what happens,
// not what the API calls it, and keep AWS's own names (DLQ, RequestID) where the console uses them.
#include "app/strings.h"

namespace invokelab::ui {
namespace {

struct Entry { const char* en; const char* ko; };

constexpr Entry kTable[] = {
    {"Play", "재생"},
    {"Pause", "일시정지"},
    {"Speed", "배속"},
    {"Next event", "다음 이벤트"},
    {"Reset", "초기화"},
    {"seed", "시드"},
    {"virtual clock", "가상 시계"},
    {"Follow now", "현재 시각 따라가기"},
    {"zoom", "확대"},
    {"Synchronous (RequestResponse)", "동기 호출 (RequestResponse)"},
    {"Asynchronous (Event)", "비동기 호출 (Event)"},
    {"No requests yet. Invoke the function from the terminal.", "아직 요청이 없습니다. 터미널에서 함수를 호출해 보세요."},
    {"request", "요청"},
    {"attempt", "시도"},
    {"outcome", "결과"},
    {"started", "시작"},
    {"ended", "종료"},
    {"duration", "소요 시간"},
    {"running", "실행 중"},
    {"success", "성공"},
    {"error", "오류"},
    {"timeout", "시간 초과"},
    {"waiting to retry", "재시도 대기 중"},
    {"retry in", "재시도까지"},
    {"accepted", "접수"},
    {"arrived in the DLQ", "DLQ에 도착"},
    {"DLQ delivery failed", "DLQ 전달 실패"},
    {"queued", "대기열에 있음"},
    {"state", "상태"},
    {"condition", "종료 사유"},
    {"status", "응답 코드"},
    {"Event queue", "이벤트 큐"},
    {"Function", "함수"},
    {"Dead-letter queue", "배달 못 한 편지 큐(DLQ)"},
    {"Logs", "로그"},
    {"Nothing is scheduled.", "예약된 일이 없습니다."},
    {"scheduled events", "예약된 이벤트"},
    {"event", "이벤트"},
    {"due at", "예정 시각"},
    {"age", "경과"},
    {"waiting in the function's internal queue", "함수 내부 큐에서 기다리는 중"},
    {"What the simulator will do next, soonest first. Ages count up while time runs.",
     "시뮬레이터가 다음에 할 일입니다. 빠른 순서이며, 시간이 흐르면 경과 시간이 늘어납니다."},
    {"Execution environments", "실행 환경"},
    {"environment", "실행 환경"},
    {"busy", "사용 중"},
    {"idle", "유휴"},
    {"cold start", "콜드 스타트"},
    {"warm", "웜"},
    {"served", "처리한 호출"},
    {"current request", "현재 요청"},
    {"created", "생성"},
    {"No environment yet: the first call starts one (a cold start).", "아직 실행 환경이 없습니다. 첫 호출이 하나를 만듭니다(콜드 스타트)."},
    {"Configuration", "구성"},
    {"memory", "메모리"},
    {"timeout", "제한 시간"},
    {"runtime", "런타임"},
    {"requests", "요청 수"},
    {"No queue yet. Create one and set it as the function's dead-letter queue.", "아직 큐가 없습니다. 큐를 만들고 함수의 DLQ로 지정해 보세요."},
    {"Poll for messages", "메시지 폴링"},
    {"messages", "메시지"},
    {"body", "본문"},
    {"attributes", "속성"},
    {"No messages. A failed async event arrives here after its last retry.", "메시지가 없습니다. 마지막 재시도까지 실패한 비동기 이벤트가 여기로 옵니다."},
    {"visible", "보이는 메시지"},
    {"in flight", "처리 중(숨김)"},
    {"Polling runs the same command as the terminal; received messages stay hidden for the visibility timeout.",
     "폴링은 터미널과 같은 명령을 실행합니다. 받은 메시지는 가시성 제한 시간 동안 숨겨집니다."},
    {"filter by request id", "요청 ID로 거르기"},
    {"No log groups yet. The first invocation creates /aws/lambda/<function>.", "아직 로그 그룹이 없습니다. 첫 호출이 /aws/lambda/<함수>를 만듭니다."},
    {"all streams", "모든 스트림"},
    {"Clear", "지우기"},
    {"Lines of the selected request are highlighted in every retry.", "선택한 요청의 줄은 재시도마다 강조됩니다."},
    {"Legend", "범례"},
    {"wheel or +/- to zoom, drag or arrow keys to pan", "휠 또는 +/- 로 확대, 끌기 또는 방향키로 이동"},
    {"Language", "언어"},
    {"now", "현재"},
    {"The simulation was reset.", "시뮬레이션을 초기화했습니다."},
    {"Loading the Korean font…", "한글 글꼴을 불러오는 중…"},
    {"Flow", "흐름"},
    {"Caller", "호출자"},
    {"terminal · invoke panel", "터미널 · 호출 패널"},
    {"Lambda service", "Lambda 서비스"},
    {"internal event queue", "내부 이벤트 큐"},
    {"function", "함수"},
    {"DLQ", "DLQ"},
    {"destinations", "대상(destination)"},
    {"finished", "끝난 요청"},
    {"more", "개 더"},
    {"Click a token to follow its request everywhere; hover it for its payload and history.",
     "토큰을 누르면 모든 화면에서 그 요청을 따라갑니다. 올려 두면 페이로드와 이력이 보입니다."},
    {"payload", "페이로드"},
    {"history", "이력"},
    {"no DLQ set", "DLQ 미설정"},
    {"nothing waiting", "기다리는 이벤트 없음"},
    {"Metrics", "지표"},
    {"What CloudWatch would chart for each function, from the start until now.", "함수마다 CloudWatch가 그릴 지표를 처음부터 지금까지 막대로 보여 줍니다."},
    {"per bar", "막대 하나"},
    // Shown once a long run outgrows what the core holds (core/sim/trace.h, services/logs.h).
    {"The trace holds only its newest entries:", "기록(trace)은 가장 최근 항목만 담아 둡니다:"},
    {"older entries are kept as counts per kind", "개의 이전 항목은 종류별 개수로만 남았습니다"},
    {"Each log stream holds its newest lines:", "로그 스트림마다 가장 최근 줄만 담아 둡니다:"},
    {"older lines were let go (counted)", "개의 이전 줄은 개수만 남았습니다"},
    {"Second delivery of this event (at least once)", "같은 이벤트가 한 번 더 전달됨 (요청 ID 동일): 최소 한 번 전달"},
    {"long waits drawn short", "긴 대기는 줄여 그림"},
    {"Virtual time hidden in this band: it is drawn short so the attempts on both sides stay wide enough to read. Drag or zoom to see time on one scale again.",
     "이 띠 안의 가상 시간은 짧게 줄여 그렸습니다. 양쪽의 시도를 읽을 수 있을 만큼 넓게 보여 주기 위해서입니다. 끌거나 확대/축소하면 다시 한 가지 눈금으로 보입니다."},
    {"Stores", "저장소"},
    {"No tables or keys yet. Try aws dynamodb create-table … or redis-cli SET key value NX.",
     "아직 테이블도 키도 없습니다. aws dynamodb create-table … 이나 redis-cli SET key value NX 로 시작해 보세요."},
    {"DynamoDB tables", "DynamoDB 테이블"},
    {"Key-value store (Redis)", "키-값 저장소 (Redis)"},
    {"key", "키"},
    {"attributes", "속성"},
    {"value", "값"},
    {"expires in", "만료까지"},
    {"last change", "마지막 변경"},
    {"The table is empty.", "테이블이 비어 있습니다."},
    {"The highlighted row is the last write, with the request that made it: a duplicate delivery that writes again shows up here.",
     "강조된 줄이 마지막 쓰기이며, 그 쓰기를 한 요청이 함께 표시됩니다. 같은 이벤트가 두 번 와서 다시 쓰면 여기서 보입니다."},
    {"items", "항목"},
    {"no expiry", "만료 없음"},
    {"item", "항목"},
    {"Click a token to follow it everywhere.", "토큰을 누르면 어디서나 따라갑니다."},
    {"dest.", "대상"},
    {"done", "끝남"},
};
static_assert(sizeof(kTable) / sizeof(kTable[0]) == static_cast<int>(S::Count), "one entry per S id");

Lang g_lang = Lang::Ko;

} // namespace

void set_lang(Lang lang) { g_lang = lang; }
Lang lang() { return g_lang; }
const char* lang_code() { return g_lang == Lang::Ko ? "ko" : "en"; }

bool parse_lang(const std::string& code, Lang& out) {
    if (code == "ko") { out = Lang::Ko; return true; }
    if (code == "en") { out = Lang::En; return true; }
    return false;
}

const char* tr(S id) {
    const Entry& e = kTable[static_cast<int>(id)];
    return g_lang == Lang::Ko ? e.ko : e.en;
}

} // namespace invokelab::ui
