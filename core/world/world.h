// Invoke Lab core: the World, the composition root: everything simulated in one place.
//
// Index
//   World      the Env (account, region, clock/scheduler, trace, seeded generator), the
//              services built over it, the delivery targets that connect them, state JSON
//
// The World builds each service with the Env and the siblings it needs, in a fixed order
// (so construction is deterministic); services never include this header. A World is built
// whole from a seed and never moved (services keep references); "reset" means building a new
// one. Same seed + same commands => byte-identical trace.
#pragma once
#include <cstdint>
#include "lambda/lambda.h"
#include "services/dynamodb.h"
#include "services/iam.h"
#include "services/kv.h"
#include "services/logs.h"
#include "services/sns.h"
#include "services/sqs.h"
#include "services/vfs.h"
#include "sim/env.h"
#include "world/targets.h"

namespace invokelab {

class World : public Env {
public:
    explicit World(std::uint64_t seed = 1);

    IamService iam{*this};
    SqsService sqs{*this};
    SnsService sns{*this, sqs};
    LogsService logs{*this};
    DynamoDbService dynamodb{*this};
    KvService kv{*this};
    VirtualFs files;
    Targets targets{iam, sqs, sns};
    LambdaService lambda{*this, iam, logs, targets};

    // Invoke as a caller sees it: Event and DryRun return at once; RequestResponse runs the
    // clock until its attempt ends (so it cannot be called from inside a scheduled action:
    // the scheduler throws std::logic_error). Throws AwsError as LambdaService does.
    InvokeResult invoke(const std::string& function, const std::string& payload, InvocationType invocation_type,
                        const std::string& region, bool tail_log);

    // The Python runner for functions with deployed code (not owned; nullptr = none). The
    // Shell hands its runner to every World it builds.
    void set_code_runner(CodeRunner* runner) { lambda.set_code_runner(runner); }

    ojson state_json() const;                       // the whole world, for views, tests and embedding

    // The one entry point for code running inside a handler (the Python shims of boto3 and
    // redis-py): service "dynamodb" (operation: PutItem …, request: the JSON protocol body)
    // or "kv" (operation: SET …, request: {"args":[…]}); request_id: the Lambda attempt in
    // progress (trace entries and the canvas carry it). Returns the response JSON, or an
    // error object {"__type": …, "message": …} (shapes: services/dynamodb.h, services/kv.h).
    // It only reads and writes the stores: it never runs the scheduler, so it may be called
    // from inside a scheduled action (a handler's attempt).
    ojson call_service(const std::string& service, const std::string& operation, const ojson& request,
                       const std::string& request_id = {});
};

} // namespace invokelab
