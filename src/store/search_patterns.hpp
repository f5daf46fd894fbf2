#pragma once
// Substring search on both databases, shared by the history and the conversations (decisions 16, 40).
#include <string>
#include <string_view>

namespace mmsgate {

// `text` as a LIKE pattern matching it anywhere, lower-cased, with LIKE's own characters taken
// literally (the queries say ESCAPE '\', which SQLite and PostgreSQL both understand).
[[nodiscard]] std::string like_contains_pattern(std::string_view text);

// Digits of a search that reads as (part of) a phone number: only digits and + ( ) - . and spaces,
// at least three digits. Empty otherwise.
[[nodiscard]] std::string phone_search_digits(std::string_view text);

}
