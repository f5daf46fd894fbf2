#pragma once
// What an incoming message says about opting out (decisions.md: FCC 2024 revocation order, CTIA,
// Plivo DND). A keyword counts only as the whole message, case-insensitive, after trimming and
// removing punctuation; one among other words only flags the message for a person to confirm.
#include <string>
#include <string_view>

namespace mmsgate {

enum class KeywordKind {
    None,
    OptOut, // STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, OPT OUT, or MessageIntent=optout
    OptIn, // START, UNSTOP, or MessageIntent=optin
    Yes, // YES: an opt-in only for a number that opted out
    Help, // HELP, INFO, or MessageIntent=help
    PossibleOptOut, // an opt-out word among other words ("please stop texting me")
};

struct KeywordMatch {
    KeywordKind kind = KeywordKind::None;
    std::string keyword; // the normalised word(s), or "MessageIntent=…"
};

// `intent` is Plivo's MessageIntent (optout | optin | help | "").
[[nodiscard]] KeywordMatch classify_incoming(std::string_view text, std::string_view intent);

// Upper case, punctuation removed, runs of spaces as one, trimmed.
[[nodiscard]] std::string normalize_keyword_text(std::string_view text);

}
