// Invoke Lab core: `aws sns …` commands. (Skeleton; filled in by the invocation-core work.)
#include "shell/shell.h"

namespace invokelab {

void register_sns_commands(Shell&) {}

} // namespace invokelab
