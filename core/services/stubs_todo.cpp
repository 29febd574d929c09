// Temporary: empty service state until the services land (issue 3).
#include "sim/world.h"
namespace invokelab {
ojson SqsService::state_json() const { return ojson::array(); }
ojson SnsService::state_json() const { return ojson::array(); }
ojson IamService::state_json() const { return ojson::array(); }
ojson LogsService::state_json() const { return ojson::array(); }
} // namespace invokelab
