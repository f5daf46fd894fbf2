#include "messaging/phone_number.hpp"

#include <fmt/format.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstdint>
#include <optional>

namespace mmsgate {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::string_view kExample = "such as +1 415 555 0100";
// E.164 allows 15 digits; with spaces, dashes and a "tel:" prefix a real number stays well under this.
constexpr std::size_t kMaxInputBytes = 64;
constexpr std::size_t kMaxQuotedBytes = 40;

struct DecodedCharacter {
    char32_t code_point;
    std::size_t length;
};

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
std::optional<DecodedCharacter> decode_utf8(std::string_view text)
{
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(0);
    if (lead < 0x80)
        return DecodedCharacter { lead, 1 };
    std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
    if (length == 0 || lead > 0xf4 || text.size() < length)
        return std::nullopt;
    char32_t code_point = lead & (0x7f >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xc0) != 0x80)
            return std::nullopt;
        code_point = (code_point << 6) | (byte(i) & 0x3f);
    }
    bool overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    bool surrogate = code_point >= 0xd800 && code_point <= 0xdfff;
    if (overlong || surrogate || code_point > 0x10ffff)
        return std::nullopt;
    return DecodedCharacter { code_point, length };
}

// The input as the message quotes it: trimmed, and cut (at a character boundary) when long.
std::string quoted(std::string_view input)
{
    auto first = input.find_first_not_of(" \t\r\n");
    auto last = input.find_last_not_of(" \t\r\n");
    input = first == std::string_view::npos ? std::string_view {} : input.substr(first, last - first + 1);
    bool shortened = input.size() > kMaxQuotedBytes;
    if (shortened) {
        std::size_t cut = kMaxQuotedBytes;
        while (cut > 0 && (static_cast<unsigned char>(input[cut]) & 0xc0) == 0x80)
            --cut;
        input = input.substr(0, cut);
    }
    // Control characters are shown escaped, so the message stays on one line.
    std::string out = "\"";
    for (char c : input) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            out += fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        else
            out += c;
    }
    return out + (shortened ? "…\"" : "\"");
}

// What a non-ASCII character stands for in a phone number: people paste numbers from web pages and
// word processors, which use no-break spaces, typographic dashes and full-width digits.
// Returns 0 for characters to drop (invisible ones), nullopt for characters that have no place here.
std::optional<char> ascii_equivalent(char32_t code_point)
{
    if (code_point >= 0xff10 && code_point <= 0xff19)
        return char('0' + (code_point - 0xff10));
    switch (code_point) {
    case 0x00a0: case 0x2007: case 0x2009: case 0x202f: case 0x3000:
        return ' ';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xff0d:
        return '-';
    case 0xff08:
        return '(';
    case 0xff09:
        return ')';
    case 0xff0b:
        return '+';
    case 0xff0e:
        return '.';
    case 0xff0f:
        return '/';
    case 0x00ad: case 0x200b: case 0x2060: case 0xfeff:
        return '\0';
    default:
        return std::nullopt;
    }
}

bool is_allowed_ascii(char c)
{
    return (c >= '0' && c <= '9') || c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')'
        || c == '/' || c == '+';
}

// How the message names a refused character: itself when printable, its code point when not.
std::string describe_character(char32_t code_point, std::string_view bytes)
{
    if (code_point < 0x20 || code_point == 0x7f)
        return fmt::format("the control character U+{:04X}", std::uint32_t(code_point));
    return fmt::format("\"{}\"", bytes);
}

// Reduces the number to ASCII digits, '+' and visual separators, or explains what is wrong with it.
// libphonenumber alone is too lenient for a paid send: it skips leading text ("call 415 555 0100"),
// reads letters as vanity digits ("1-800-FLOWERS") and turns "415 555 0100;415 555 0111" into an
// extension, so a typo could reach another number than the one the person meant.
Result<std::string> to_plain_ascii(std::string_view original, std::string_view number)
{
    std::string plain;
    bool seen_digit_or_plus = false;
    while (!number.empty()) {
        auto decoded = decode_utf8(number);
        if (!decoded)
            return fail_field("to", "The phone number contains bytes that are not valid UTF-8 text; type it again");
        auto bytes = number.substr(0, decoded->length);
        number.remove_prefix(decoded->length);
        auto ascii = decoded->code_point < 0x80 ? std::optional<char>(char(decoded->code_point))
                                                : ascii_equivalent(decoded->code_point);
        if (ascii && *ascii == '\0')
            continue;
        if (ascii && (*ascii == ',' || *ascii == ';' || *ascii == '<' || *ascii == '|' || *ascii == '&'))
            return fail_field("to",
                fmt::format("{} looks like several numbers in one; give one number per entry (send \"to\" as an "
                            "array to reach several people)",
                    quoted(original)));
        if (!ascii || !is_allowed_ascii(*ascii))
            return fail_field("to",
                fmt::format("{} is not a phone number: {} does not belong in one; use only digits, spaces and "
                            "+ - . ( )",
                    quoted(original), describe_character(decoded->code_point, bytes)));
        if (*ascii == '+' && seen_digit_or_plus)
            return fail_field("to",
                fmt::format("{} has a '+' in the middle; a '+' may only start the number, before the country code",
                    quoted(original)));
        if (*ascii == '+' || (*ascii >= '0' && *ascii <= '9'))
            seen_digit_or_plus = true;
        plain += *ascii;
    }
    return plain;
}

std::string_view strip_tel_prefix(std::string_view input)
{
    auto first = input.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return input;
    auto rest = input.substr(first);
    bool tel = rest.size() >= 4 && (rest[0] | 0x20) == 't' && (rest[1] | 0x20) == 'e' && (rest[2] | 0x20) == 'l'
        && rest[3] == ':';
    if (tel)
        return rest.substr(4);
    return input;
}

}

Result<std::string> normalize_recipient(std::string_view input)
{
    if (input.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return fail_field("to", fmt::format("The phone number is empty; enter one {}", kExample));
    if (input.size() > kMaxInputBytes)
        return fail_field("to",
            fmt::format("{} is too long to be one phone number; enter a single number {}", quoted(input), kExample));

    auto plain = to_plain_ascii(input, strip_tel_prefix(input));
    if (!plain)
        return std::unexpected(std::move(plain.error()));
    if (plain->find_first_of("0123456789") == std::string::npos)
        return fail_field("to", fmt::format("{} is not a phone number; enter one {}", quoted(input), kExample));

    // PhoneNumberUtil is a leaky singleton built once under pthread_once (Debian builds libphonenumber
    // with the POSIX singleton and locks: the .so imports pthread_once and pthread_mutex_lock). After
    // that its methods are const; the regular-expression cache is guarded by a mutex and each match
    // uses its own ICU matcher, so concurrent calls from the io and worker threads are safe.
    static PhoneNumberUtil const& util = *PhoneNumberUtil::GetInstance();

    PhoneNumber number;
    switch (util.Parse(*plain, "US", &number)) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        return fail_field("to",
            fmt::format("{} does not start with a known country code; MMS can only be sent to US and Canadian "
                        "numbers {}",
                quoted(input), kExample));
    case PhoneNumberUtil::TOO_LONG_NSN:
        return fail_field("to",
            fmt::format("{} has too many digits for one phone number; US and Canadian numbers have 10 digits after "
                        "the country code 1 (to reach several people, send \"to\" as an array)",
                quoted(input)));
    case PhoneNumberUtil::TOO_SHORT_NSN:
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
        return fail_field("to",
            fmt::format("{} is too short for a phone number; US and Canadian numbers have 10 digits, {}",
                quoted(input), kExample));
    case PhoneNumberUtil::NOT_A_NUMBER:
        return fail_field("to", fmt::format("{} is not a phone number; enter one {}", quoted(input), kExample));
    }

    if (number.country_code() != 1) {
        std::string region;
        util.GetRegionCodeForNumber(number, &region);
        return fail_field("to",
            fmt::format("MMS can only be sent to US and Canadian numbers; {} is a +{} number{}", quoted(input),
                number.country_code(), region.empty() || region == "ZZ" ? "" : fmt::format(" ({})", region)));
    }
    // The characters allowed above leave libphonenumber no way to read an extension; this stays in case
    // that changes, because dropping an extension silently would text a different line.
    if (number.has_extension())
        return fail_field("to",
            fmt::format("{} has an extension; text messages go to the main number only, so remove the extension",
                quoted(input)));
    switch (util.IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::IS_POSSIBLE:
        break;
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
        return fail_field("to",
            fmt::format("{} has no area code; enter all 10 digits, {}", quoted(input), kExample));
    case PhoneNumberUtil::TOO_SHORT:
        return fail_field("to",
            fmt::format("{} is too short; US and Canadian numbers have 10 digits after the country code 1, {}",
                quoted(input), kExample));
    case PhoneNumberUtil::TOO_LONG:
    case PhoneNumberUtil::INVALID_LENGTH:
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
        return fail_field("to",
            fmt::format("{} has the wrong number of digits; US and Canadian numbers have 10 digits after the "
                        "country code 1, {}",
                quoted(input), kExample));
    }
    if (!util.IsValidNumber(number))
        return fail_field("to",
            fmt::format("{} is not a valid US or Canadian phone number; check the area code and the digits",
                quoted(input)));

    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    if (region != "US" && region != "CA")
        return fail_field("to",
            fmt::format("MMS can only be sent to US and Canadian numbers; {} is a number in {} (which also uses +1)",
                quoted(input), region));

    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    return e164;
}

std::string plivo_digits(std::string_view e164)
{
    if (e164.starts_with('+'))
        e164.remove_prefix(1);
    return std::string(e164);
}

}
