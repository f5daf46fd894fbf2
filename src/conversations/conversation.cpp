#include "conversations/conversation.hpp"

namespace mmsgate {

nlohmann::json conversation_json(ConversationSummary const& conversation)
{
    nlohmann::json last = {
        { "direction", conversation.last_direction },
        { "text", conversation.last_text },
        { "at", format_iso8601(conversation.last_message_at) },
        { "state", conversation.last_state ? nlohmann::json(*conversation.last_state) : nlohmann::json(nullptr) },
        { "hasMedia", conversation.last_has_media },
    };
    return {
        { "id", conversation.id },
        { "ourNumber", conversation.our_number },
        { "theirNumber", conversation.their_number },
        { "lastMessage", last },
        { "unreadCount", conversation.unread_count },
        { "updatedAt", format_iso8601(conversation.updated_at) },
    };
}

std::string preview_text(std::string_view text, std::size_t max_bytes)
{
    if (text.size() <= max_bytes)
        return std::string(text);
    auto end = max_bytes;
    // Back up to the start of a UTF-8 character, so a preview never ends in half of one.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return std::string(text.substr(0, end));
}

}
