// Invoke Lab core: `aws sqs …` commands. (Skeleton; filled in by the invocation-core work.)
#include "shell/shell.h"

namespace invokelab {

void register_sqs_commands(Shell&) {}

} // namespace invokelab
