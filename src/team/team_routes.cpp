#include "team/team_routes.hpp"

namespace mmsgate {

void add_team_routes(Router& router, TeamRouteDependencies const& dependencies)
{
    add_user_admin_routes(router, dependencies);
    add_invite_routes(router, dependencies);
    add_audit_routes(router, dependencies);
}

}
