#include "messaging/quiet_hours/cancel_route.hpp"

#include "http/response.hpp"
#include "messaging/message_json.hpp"
#include "messaging/quiet_hours/cancel_scheduled.hpp"

#include <spdlog/spdlog.h>

namespace mmsgate {

void add_cancel_route(Router& router, CancelRouteDependencies dependencies)
{
    SignedInRoutes signed_in { dependencies.authenticate, dependencies.config.nextauth_url };
    auto m = std::make_shared<CancelRouteDependencies>(std::move(dependencies));
    router.add(http::verb::post, "/api/messages/{id}/cancel",
        signed_in.write(Permission::MessagesSend, [m](Request& request, AuthenticatedUser const& user) -> Awaitable<Response> {
            auto id = std::string(request.path_parameter("id"));
            auto owner = user.is_admin() ? std::nullopt : std::optional<std::string>(user.id);
            auto who = user.email.value_or(user.id);
            auto cancelled = co_await m->database.write<MessageRecord>([&](SqlConnection& connection) {
                return cancel_scheduled_message(connection, id, owner, who, now_millis());
            });
            if (!cancelled)
                co_return error_response(cancelled.error());
            spdlog::info("message {} cancelled by user {} before quiet hours ended", id, user.id);
            if (m->feed)
                m->feed->publish({ *cancelled });
            co_return json_response(http::status::ok, { { "success", true }, { "message", message_json(*cancelled) } });
        }));
}

}
