#include "auth/authenticated_user.hpp"

namespace mmsgate {

Response authentication_failure(Error const& error)
{
    if (error.code == ErrorCode::Unavailable)
        return error_response(error);
    return error_response(http::status::unauthorized, "Unauthorized");
}

}
