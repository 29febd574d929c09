// Invoke Lab core: `aws iam …` commands. (Skeleton; filled in by the invocation-core work.)
#include "shell/shell.h"

namespace invokelab {

void register_iam_commands(Shell&) {}

} // namespace invokelab
