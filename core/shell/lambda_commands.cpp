// Invoke Lab core: `aws lambda …` commands. (Skeleton; filled in by the invocation-core work.)
#include "shell/shell.h"

namespace invokelab {

void register_lambda_commands(Shell&) {}

} // namespace invokelab
