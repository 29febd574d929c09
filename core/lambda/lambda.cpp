#include "lambda/lambda.h"
#include "sim/world.h"

namespace invokelab {

void LambdaService::install_defaults() {
    FunctionConfig f;
    f.name = "demo-lambda";
    f.role_arn = "arn:aws:iam::" + world_.account_id + ":role/service-role/demo-lambda-role";
    functions_[f.name] = f;
}

ojson LambdaService::state_json() const {
    ojson fns = ojson::array();
    for (const auto& [name, f] : functions_) {
        fns.push_back({{"FunctionName", f.name}, {"Runtime", f.runtime}, {"MemorySize", f.memory_mb}, {"Timeout", f.timeout_s}});
    }
    return ojson{{"functions", fns}};
}

} // namespace invokelab
