#include "store/search_patterns.hpp"

#include <cctype>

namespace mmsgate {

std::string like_contains_pattern(std::string_view text)
{
    std::string pattern = "%";
    for (char character : text) {
        if (character == '%' || character == '_' || character == '\\')
            pattern += '\\';
        pattern += char(std::tolower(static_cast<unsigned char>(character)));
    }
    return pattern + "%";
}

std::string phone_search_digits(std::string_view text)
{
    std::string digits;
    for (char character : text) {
        if (std::isdigit(static_cast<unsigned char>(character)))
            digits += character;
        else if (std::string_view(" +()-.").find(character) == std::string_view::npos)
            return {};
    }
    return digits.size() >= 3 ? digits : std::string {};
}

}
