// Invoke Lab core: AWS Lambda functions and their invocation paths.
//
// (Skeleton: the invocation core of issue 3 fills this in — functions, handlers,
// invoke_sync / invoke_async, retries, event invoke config, DLQ, logs.)
#pragma once
#include <map>
#include <string>
#include "sim/trace.h"

namespace invokelab {

class World;

struct FunctionConfig {
    std::string name, runtime = "python3.12", role_arn, handler = "lambda_function.lambda_handler";
    int memory_mb = 128;
    int timeout_s = 3;
};

class LambdaService {
public:
    explicit LambdaService(World& world) : world_(world) {}
    void install_defaults();                        // demo-lambda and its execution role
    const std::map<std::string, FunctionConfig>& functions() const { return functions_; }
    ojson state_json() const;
private:
    World& world_;
    std::map<std::string, FunctionConfig> functions_;
};

} // namespace invokelab
