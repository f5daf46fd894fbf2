#include "messaging/history/history_handlers.hpp"

#include "core/clock.hpp"
#include "http/json_values.hpp"
#include "http/response.hpp"
#include "media/sent_media.hpp"
#include "messaging/dispatch/outbox.hpp"
#include "messaging/history/history_queries.hpp"
#include "messaging/message_json.hpp"
#include "messaging/message_store.hpp"
#include "messaging/phone_number.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <ctime>

namespace mmsgate {

namespace {

constexpr int kMaxExportRows = 100'000;

Result<MessageQuery> query_from(Request const& request, AuthenticatedUser const& user)
{
    MessageQuery query;
    query.user_id = user.id;
    if (user.is_admin() && request.query_value("all") == "true")
        query.user_id.reset();
    if (auto state = request.query_value("state"); state && !state->empty()) {
        query.state = parse_message_state(*state);
        if (!query.state)
            return fail_field("state", "state must be one of scheduled, accepted, queued, sent, delivered, undelivered, failed, unknown, cancelled");
    }
    if (auto recipient = request.query_value("recipient"); recipient && !recipient->empty()) {
        auto normalized = normalize_recipient(*recipient);
        if (!normalized) {
            auto error = normalized.error();
            error.field = "recipient";
            return std::unexpected(std::move(error));
        }
        query.recipient = *normalized;
    }
    if (auto search = request.query_value("q"); search && !search->empty()) {
        if (search->size() > 200)
            return fail_field("q", "q must be at most 200 characters");
        query.search = std::string(*search);
    }
    if (auto request_id = request.query_value("requestId"); request_id && !request_id->empty())
        query.request_id = std::string(*request_id);
    for (auto [name, target] : { std::pair { "from", &query.created_from }, std::pair { "to", &query.created_to } }) {
        if (auto value = request.query_value(name); value && !value->empty()) {
            *target = parse_iso8601(*value);
            if (!*target)
                return fail_field(name, std::string(name) + " must be a date like 2026-11-25 or 2026-11-25T18:00:00Z");
        }
    }
    if (auto cursor = request.query_value("cursor"); cursor && !cursor->empty())
        query.cursor = *cursor;
    if (auto limit = request.query_value("limit"); limit && !limit->empty()) {
        int value = 0;
        auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (error != std::errc {} || end != limit->data() + limit->size() || value < 1 || value > 500)
            return fail_field("limit", "limit must be a whole number from 1 to 500");
        query.limit = value;
    }
    return query;
}

// A message's JSON with the uploads it carries ("media", for thumbnails).
nlohmann::json with_sent_media(MessageRecord const& message, UploadsByRequest const& uploads)
{
    auto json = message_json(message);
    json["media"] = sent_media_json(uploads, message.request_id);
    return json;
}

class HistoryHandlers : public RouteHandlers<HistoryDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> list(Request& request, AuthenticatedUser const& user)
    {
        auto query = query_from(request, user);
        if (!query)
            co_return error_response(query.error());
        auto page = co_await m.database.read<MessagePage>([&](SqlConnection& connection) { return list_messages(connection, *query); });
        if (!page)
            co_return error_response(page.error().code == ErrorCode::InvalidArgument ? page.error()
                                                                                     : Error { ErrorCode::Unavailable, std::string(kDatabaseUnavailable) });
        auto uploads = co_await uploads_of(page->messages);
        auto messages = json_array_of(page->messages, [&](auto const& message) { return with_sent_media(message, uploads); });
        auto response = json_response(http::status::ok,
            { { "messages", messages }, { "nextCursor", json_or_null(page->next_cursor) } });
        set_no_store(response);
        co_return response;
    }

    Awaitable<Response> detail(Request& request, AuthenticatedUser const& user)
    {
        struct Detail {
            std::optional<MessageRecord> message;
            std::vector<MessageEventRecord> events;
        };
        auto id = std::string(request.path_parameter("id"));
        auto found = co_await m.database.read<Detail>([&](SqlConnection& connection) -> Result<Detail> {
            auto message = find_message(connection, id);
            if (!message)
                return std::unexpected(std::move(message.error()));
            Detail detail { std::move(*message), {} };
            if (detail.message) {
                auto events = events_of_message(connection, id);
                if (!events)
                    return std::unexpected(std::move(events.error()));
                detail.events = std::move(*events);
            }
            return detail;
        });
        if (!found)
            co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
        // Another user's message is "not found", not "forbidden": ids must not be probeable.
        if (!found->message || (found->message->user_id != user.id && !user.is_admin()))
            co_return error_response(ErrorCode::NotFound, "No such message");
        auto events = json_array_of(found->events, event_json);
        std::vector<MessageRecord> shown { *found->message };
        auto uploads = co_await uploads_of(shown);
        auto response = json_response(http::status::ok, { { "message", with_sent_media(*found->message, uploads) }, { "events", events } });
        set_no_store(response);
        co_return response;
    }

    Awaitable<Response> export_csv(Request& request, AuthenticatedUser const& user)
    {
        auto query = query_from(request, user);
        if (!query)
            co_return error_response(query.error());
        auto csv = co_await m.database.read<std::string>([&](SqlConnection& connection) -> Result<std::string> {
            std::string text = csv_header();
            auto page_query = *query;
            page_query.limit = 500;
            for (int rows = 0; rows < kMaxExportRows;) {
                auto page = list_messages(connection, page_query);
                if (!page)
                    return std::unexpected(std::move(page.error()));
                for (auto const& message : page->messages)
                    text += csv_row(message);
                rows += int(page->messages.size());
                if (!page->next_cursor)
                    break;
                page_query.cursor = page->next_cursor;
            }
            return text;
        });
        if (!csv)
            co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
        auto response = text_response(http::status::ok, std::move(*csv), "text/csv; charset=utf-8");
        response.set(http::field::content_disposition, "attachment; filename=\"mmsgate-messages.csv\"");
        set_no_store(response);
        co_return response;
    }

    Awaitable<Response> authorize_stream(Request&, AuthenticatedUser const&)
    {
        co_return text_response(http::status::ok, "", "text/event-stream");
    }

    Awaitable<void> stream(Request& request, EventStream& events)
    {
        auto user = co_await m.authenticate(request);
        if (!user)
            co_return;
        auto subscription = m.feed->subscribe(user->id, user->is_admin() && request.query_value("all") == "true");
        // The session is checked again at least every stream_recheck (15 s): a disabled account, a
        // changed password, a sign-out elsewhere or an expired session ends the stream, not only the
        // next request; the browser reconnects, gets 401 and shows the stream as stopped.
        auto recheck = m.config.stream_recheck;
        auto checked_at = std::chrono::steady_clock::now();
        if (co_await events.send("ready", "{}")) {
            for (;;) {
                auto changes = co_await subscription->next(recheck);
                if (std::chrono::steady_clock::now() - checked_at >= recheck) {
                    auto still = co_await m.authenticate(request);
                    if (!still) {
                        spdlog::info("event stream of user {} closed: {}", user->id, still.error().message);
                        break;
                    }
                    checked_at = std::chrono::steady_clock::now();
                }
                auto team_events = subscription->take_events();
                bool alive = changes.empty() && team_events.empty() ? co_await events.keep_alive() : true;
                for (auto const& message : changes) {
                    if (!alive)
                        break;
                    alive = co_await events.send("message", json_text(message_json(message)));
                }
                for (auto const& event : team_events) {
                    if (!alive)
                        break;
                    alive = co_await events.send(event.type, event.data);
                }
                if (!alive)
                    break;
            }
        }
        m.feed->unsubscribe(subscription);
    }

    Awaitable<Response> resend(Request& request, AuthenticatedUser const& user)
    {
        auto id = std::string(request.path_parameter("id"));
        auto owned = co_await m.database.read<std::optional<MessageRecord>>([&](SqlConnection& connection) { return find_message(connection, id); });
        if (!owned)
            co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
        if (!*owned || ((*owned)->user_id != user.id && !user.is_admin()))
            co_return error_response(ErrorCode::NotFound, "No such message");
        auto now = now_millis();
        auto deadline = now + std::chrono::duration_cast<std::chrono::milliseconds>(m.config.dispatch.retry_deadline).count();
        auto requeued = co_await m.database.write<MessageRecord>(
            [&](SqlConnection& connection) { return requeue_unknown_message(connection, id, now, deadline); });
        if (!requeued)
            co_return error_response(requeued.error()); // AlreadyExists (409): not in state unknown
        m.dispatcher->wake();
        m.feed->publish({ *requeued });
        co_return json_response(http::status::accepted, { { "success", true }, { "status", "pending" }, { "id", requeued->id } });
    }

    // Thumbnails are a nicety: without the database they are left out, the history still shows.
    Awaitable<UploadsByRequest> uploads_of(std::vector<MessageRecord> const& messages)
    {
        std::vector<std::string> request_ids;
        for (auto const& message : messages) {
            if (std::ranges::find(request_ids, message.request_id) == request_ids.end())
                request_ids.push_back(message.request_id);
        }
        auto uploads = co_await m.database.read<UploadsByRequest>(
            [&](SqlConnection& connection) { return uploads_of_requests(connection, request_ids); });
        co_return uploads ? std::move(*uploads) : UploadsByRequest {};
    }
};

}

void add_history_routes(Router& router, HistoryDependencies dependencies)
{
    SignedInGroup<HistoryHandlers> history(std::move(dependencies));
    router.add(http::verb::get, "/api/messages", history.read(Permission::MessagesRead, &HistoryHandlers::list));
    router.add(http::verb::get, "/api/messages/export.csv", history.read(Permission::MessagesRead, &HistoryHandlers::export_csv));
    router.add_stream("/api/messages/stream", history.read(Permission::MessagesRead, &HistoryHandlers::authorize_stream),
        [handlers = history.handlers()](Request& request, EventStream& events) { return handlers->stream(request, events); });
    router.add(http::verb::get, "/api/messages/{id}", history.read(Permission::MessagesRead, &HistoryHandlers::detail));
    router.add(http::verb::post, "/api/messages/{id}/resend", history.write(Permission::MessagesSend, &HistoryHandlers::resend));
}

}
