#include "suppressions/opt_out_intake.hpp"

#include "store/row_reader.hpp"
#include "suppressions/automatic_reply.hpp"
#include "suppressions/keywords.hpp"

namespace mmsgate {

namespace {

SuppressionScope scope_of(Config const& config)
{
    return SuppressionScope { config.optout.per_number };
}

Result<void> set_flag(SqlConnection& connection, std::string const& inbound_message_id, std::string_view flag)
{
    auto updated = connection.execute(
        "UPDATE mmsgate_inbound_message SET flag = $2 WHERE id = $1", { inbound_message_id, std::string(flag) });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    return {};
}

Result<bool> queue_reply(SqlConnection& connection, Config const& config, IncomingForOptOut const& message, std::string const& text, Millis now)
{
    auto queued = queue_automatic_reply(connection, config, { message.to, message.from, text }, now);
    if (!queued)
        return std::unexpected(std::move(queued.error()));
    return true;
}

Suppression entry_for(IncomingForOptOut const& message, KeywordMatch const& match, Millis now)
{
    Suppression entry;
    entry.number = message.from;
    entry.our_number = message.to;
    bool by_intent = match.keyword.starts_with("MessageIntent=");
    entry.source = by_intent ? "intent" : "keyword";
    entry.keyword = match.keyword;
    entry.source_text = message.text;
    entry.inbound_message_id = message.inbound_message_id;
    entry.created_at = now;
    return entry;
}

Result<OptOutIntake> opt_in(SqlConnection& connection, Config const& config, IncomingForOptOut const& message,
    KeywordMatch const& match, Millis now)
{
    bool by_intent = match.keyword.starts_with("MessageIntent=");
    SuppressionEnd end { by_intent ? "intent" : "keyword", message.text, std::nullopt, "", match.keyword, now };
    auto ended = end_suppressions_of(connection, message.from, message.to, scope_of(config), end);
    if (!ended)
        return std::unexpected(std::move(ended.error()));
    return OptOutIntake {};
}

}

Result<std::optional<Suppression>> opt_out_with_confirmation(
    SqlConnection& connection, Config const& config, Suppression entry, bool* reply_queued)
{
    // Already stopped under the current scope: nothing new, and no second confirmation.
    auto active = find_active_suppression(connection, entry.number, entry.our_number, scope_of(config));
    if (!active)
        return std::unexpected(std::move(active.error()));
    if (*active)
        return std::optional<Suppression> {};
    auto added = add_suppression(connection, std::move(entry));
    if (!added || !*added || !config.optout.confirmation || (*added)->our_number.empty())
        return added;
    auto const& created = **added;
    auto request_id = queue_automatic_reply(
        connection, config, { created.our_number, created.number, config.optout.confirmation_text }, created.created_at);
    if (!request_id)
        return std::unexpected(std::move(request_id.error()));
    // The entry's one confirmation: a second claim (another instance, a repeated message) fails and
    // rolls the whole transaction back rather than sending twice.
    auto claimed = claim_confirmation(connection, created.id, *request_id);
    if (!claimed)
        return std::unexpected(std::move(claimed.error()));
    if (!*claimed)
        return fail(ErrorCode::AlreadyExists, "This opt-out was confirmed already");
    if (reply_queued)
        *reply_queued = true;
    return added;
}

Result<OptOutIntake> take_in_opt_out_keywords(
    SqlConnection& connection, Config const& config, IncomingForOptOut const& message, Millis now)
{
    auto match = classify_incoming(message.text, message.intent);
    OptOutIntake intake;
    switch (match.kind) {
    case KeywordKind::None:
        return intake;
    case KeywordKind::OptOut: {
        auto added = opt_out_with_confirmation(connection, config, entry_for(message, match, now), &intake.reply_queued);
        if (!added)
            return std::unexpected(std::move(added.error()));
        return intake;
    }
    case KeywordKind::Yes: {
        // YES re-subscribes only someone who opted out; otherwise it is an ordinary reply.
        auto active = is_suppressed(connection, message.from, message.to, scope_of(config));
        if (!active)
            return std::unexpected(std::move(active.error()));
        if (!*active)
            return intake;
        return opt_in(connection, config, message, match, now);
    }
    case KeywordKind::OptIn:
        return opt_in(connection, config, message, match, now);
    case KeywordKind::Help: {
        auto queued = queue_reply(connection, config, message, config.optout.help_text, now);
        if (!queued)
            return std::unexpected(std::move(queued.error()));
        intake.reply_queued = true;
        return intake;
    }
    case KeywordKind::PossibleOptOut:
        if (auto flagged = set_flag(connection, message.inbound_message_id, kPossibleOptOutFlag); !flagged)
            return std::unexpected(std::move(flagged.error()));
        intake.flag = std::string(kPossibleOptOutFlag);
        return intake;
    }
    return intake;
}

Result<std::optional<Suppression>> confirm_flagged_opt_out(SqlConnection& connection, Config const& config,
    std::string const& inbound_message_id, std::string const& user_id, std::string const& user_label, Millis now,
    bool* reply_queued)
{
    auto found = connection.execute(
        "SELECT from_number, to_number, text FROM mmsgate_inbound_message WHERE id = $1", { inbound_message_id });
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (found->rows.empty())
        return fail(ErrorCode::NotFound, "No such incoming message");
    RowReader next(found->rows.front());
    Suppression entry;
    next(entry.number, entry.our_number, entry.source_text);
    entry.source = "keyword";
    entry.keyword = "confirmed by " + user_label;
    entry.inbound_message_id = inbound_message_id;
    entry.created_at = now;
    entry.created_by = user_id;
    entry.created_by_label = user_label;
    if (auto flagged = set_flag(connection, inbound_message_id, kConfirmedOptOutFlag); !flagged)
        return std::unexpected(std::move(flagged.error()));
    return opt_out_with_confirmation(connection, config, std::move(entry), reply_queued);
}

}
