#include "conversations/routes/conversation_handlers.hpp"

#include "conversations/routes/conversation_json.hpp"
#include "conversations/conversation_repository.hpp"
#include "http/json_values.hpp"
#include "http/response.hpp"

#include <charconv>

namespace mmsgate {

namespace {


Result<int> limit_from(Request const& request, int fallback)
{
    auto limit = request.query_value("limit");
    if (!limit || limit->empty())
        return fallback;
    int value = 0;
    auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (error != std::errc {} || end != limit->data() + limit->size() || value < 1 || value > 200)
        return fail_field("limit", "limit must be a whole number from 1 to 200");
    return value;
}

std::optional<std::string> non_empty(std::optional<std::string> value)
{
    return value && !value->empty() ? value : std::nullopt;
}

// `then` of the user's conversation `id`, or an empty Found (no conversation) when there is none.
template <typename Found, typename Then>
Result<Found> with_conversation(SqlConnection& connection, std::string const& id, std::string const& user_id, Then const& then)
{
    auto conversation = find_conversation(connection, id, user_id);
    if (!conversation)
        return std::unexpected(std::move(conversation.error()));
    if (!*conversation)
        return Found {};
    return then(std::move(**conversation));
}

Response database_failure(Error const& error)
{
    if (error.code == ErrorCode::InvalidArgument)
        return error_response(error);
    return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
}

class ConversationHandlers : public RouteHandlers<ConversationDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> list(Request& request, AuthenticatedUser const& user)
    {
        auto limit = limit_from(request, 50);
        if (!limit)
            co_return error_response(limit.error());
        ConversationQuery query { user.id, non_empty(request.query_value("q")), non_empty(request.query_value("cursor")), *limit };
        if (query.search && query.search->size() > 200)
            co_return error_response(ErrorCode::InvalidArgument, "q must be at most 200 characters", "q");
        auto page = co_await m.database.read<ConversationPage>(
            [&](SqlConnection& connection) { return list_conversations(connection, query); });
        if (!page)
            co_return database_failure(page.error());
        auto conversations = json_array_of(page->conversations, conversation_json);
        auto response = json_response(http::status::ok,
            { { "conversations", conversations },
                { "nextCursor", json_or_null(page->next_cursor) },
                { "unreadTotal", page->unread_total } });
        set_no_store(response);
        co_return response;
    }

    Awaitable<Response> detail(Request& request, AuthenticatedUser const& user)
    {
        auto limit = limit_from(request, 50);
        if (!limit)
            co_return error_response(limit.error());
        struct Detail {
            std::optional<ConversationSummary> conversation;
            ThreadPage thread;
        };
        auto id = std::string(request.path_parameter("id"));
        auto before = non_empty(request.query_value("before"));
        auto found = co_await m.database.read<Detail>([&](SqlConnection& connection) {
            return with_conversation<Detail>(connection, id, user.id, [&](ConversationSummary conversation) -> Result<Detail> {
                auto thread = conversation_thread(connection, id, before, *limit);
                if (!thread)
                    return std::unexpected(std::move(thread.error()));
                return Detail { std::move(conversation), std::move(*thread) };
            });
        });
        if (!found)
            co_return database_failure(found.error());
        if (!found->conversation)
            co_return error_response(ErrorCode::NotFound, "No such conversation");
        auto messages = json_array_of(found->thread.messages, thread_message_json);
        auto response = json_response(http::status::ok,
            { { "conversation", conversation_json(*found->conversation) }, { "messages", messages },
                { "nextCursor", json_or_null(found->thread.next_cursor) } });
        set_no_store(response);
        co_return response;
    }

    Awaitable<Response> mark_read(Request& request, AuthenticatedUser const& user)
    {
        struct Read {
            std::optional<ConversationSummary> conversation;
            std::int64_t unread_total = 0;
        };
        auto id = std::string(request.path_parameter("id"));
        auto now = now_millis();
        auto read = co_await m.database.write<Read>([&](SqlConnection& connection) {
            return with_conversation<Read>(connection, id, user.id, [&](ConversationSummary conversation) -> Result<Read> {
                if (auto marked = mark_conversation_read(connection, id, user.id, now); !marked)
                    return std::unexpected(std::move(marked.error()));
                auto total = unread_total(connection, user.id);
                if (!total)
                    return std::unexpected(std::move(total.error()));
                conversation.unread_count = 0;
                return Read { std::move(conversation), *total };
            });
        });
        if (!read)
            co_return database_failure(read.error());
        if (!read->conversation)
            co_return error_response(ErrorCode::NotFound, "No such conversation");
        // Unread counts are per user: the event names the reader, other users' clients ignore it.
        m.feed->publish_event({ "conversation",
            json_text({ { "conversation", conversation_json(*read->conversation) }, { "readBy", user.id },
                { "unreadTotal", read->unread_total } }) });
        co_return json_response(http::status::ok, { { "unreadCount", 0 }, { "unreadTotal", read->unread_total } });
    }
};

}

void add_conversation_routes(Router& router, ConversationDependencies dependencies)
{
    SignedInGroup<ConversationHandlers> conversations(std::move(dependencies));
    auto const needed = Permission::ConversationsRead;
    router.add(http::verb::get, "/api/conversations", conversations.read(needed, &ConversationHandlers::list));
    router.add(http::verb::get, "/api/conversations/{id}", conversations.read(needed, &ConversationHandlers::detail));
    router.add(http::verb::post, "/api/conversations/{id}/read", conversations.write(needed, &ConversationHandlers::mark_read));
}

}
