// Invoke Lab core: `aws logs …` commands. (Skeleton; filled in by the invocation-core work.)
#include "shell/shell.h"

namespace invokelab {

void register_logs_commands(Shell&) {}

} // namespace invokelab
