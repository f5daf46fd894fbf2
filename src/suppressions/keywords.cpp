#include "suppressions/keywords.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

namespace mmsgate {

namespace {

constexpr std::array<std::string_view, 11> kOptOutWords { "STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "UNSUB", "CANCEL",
    "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT" };
constexpr std::array<std::string_view, 2> kOptInWords { "START", "UNSTOP" };
constexpr std::array<std::string_view, 2> kHelpWords { "HELP", "INFO" };

bool is_one_of(std::string_view text, auto const& words)
{
    return std::ranges::find(words, text) != words.end();
}

// An opt-out word as a whole word inside a longer message ("please stop texting me", "opt out").
bool mentions_opt_out(std::string const& text)
{
    auto padded = " " + text + " ";
    return std::ranges::any_of(kOptOutWords, [&](std::string_view word) {
        return padded.find(" " + std::string(word) + " ") != std::string::npos;
    });
}

}

std::string normalize_keyword_text(std::string_view text)
{
    std::string result;
    bool space = false;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isspace(byte)) {
            space = !result.empty();
            continue;
        }
        if (std::ispunct(byte))
            continue;
        if (space)
            result.push_back(' ');
        space = false;
        result.push_back(char(std::toupper(byte)));
    }
    return result;
}

KeywordMatch classify_incoming(std::string_view text, std::string_view intent)
{
    auto normalized = normalize_keyword_text(text);
    if (is_one_of(normalized, kOptOutWords))
        return { KeywordKind::OptOut, normalized };
    if (intent == "optout")
        return { KeywordKind::OptOut, "MessageIntent=optout" };
    if (is_one_of(normalized, kOptInWords))
        return { KeywordKind::OptIn, normalized };
    if (intent == "optin")
        return { KeywordKind::OptIn, "MessageIntent=optin" };
    if (normalized == "YES")
        return { KeywordKind::Yes, normalized };
    if (is_one_of(normalized, kHelpWords))
        return { KeywordKind::Help, normalized };
    if (intent == "help")
        return { KeywordKind::Help, "MessageIntent=help" };
    if (mentions_opt_out(normalized))
        return { KeywordKind::PossibleOptOut, normalized };
    return {};
}

}
