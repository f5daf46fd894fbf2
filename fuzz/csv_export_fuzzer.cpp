// The history export's CSV rows with fields the fuzzer chooses. Properties: read back as RFC 4180,
// a row has every column, each text comes back as written (after the apostrophe that neutralises
// a formula), and no cell starts like a formula. A "+" followed by digits only is a phone number that
// no spreadsheet runs, and is written as it is (issue 19).
#include "fuzz_check.hpp"
#include "messaging/message_json.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace mmsgate;

namespace {

constexpr std::string_view kFormulaStarts = "=+-@\t\r";

bool is_phone_number(std::string_view text)
{
    return text.size() > 1 && text.front() == '+'
        && text.find_first_not_of("0123456789", 1) == std::string_view::npos;
}

bool starts_like_formula(std::string_view text)
{
    return !text.empty() && !is_phone_number(text) && kFormulaStarts.find(text.front()) != std::string_view::npos;
}

// RFC 4180 with every field quoted, as csv_row writes it: the cells of one CRLF-terminated row.
std::optional<std::vector<std::string>> read_row(std::string_view row)
{
    std::vector<std::string> cells;
    std::size_t at = 0;
    while (true) {
        if (at >= row.size() || row[at] != '"')
            return std::nullopt;
        std::string cell;
        for (++at;; ++at) {
            if (at >= row.size())
                return std::nullopt;
            if (row[at] == '"') {
                if (at + 1 < row.size() && row[at + 1] == '"') {
                    cell += '"';
                    ++at;
                    continue;
                }
                ++at;
                break;
            }
            cell += row[at];
        }
        cells.push_back(std::move(cell));
        if (row.substr(at) == "\r\n")
            return cells;
        if (at >= row.size() || row[at] != ',')
            return std::nullopt;
        ++at;
    }
}

bool written_as(std::string const& cell, std::string const& text)
{
    if (starts_like_formula(text))
        return cell == "'" + text;
    return cell == text;
}

}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    FuzzedDataProvider provider(data, size);
    MessageRecord message;
    message.id = provider.ConsumeRandomLengthString(64);
    message.recipient = provider.ConsumeRandomLengthString(32);
    message.sender = provider.ConsumeRandomLengthString(32);
    message.plivo_uuid = provider.ConsumeRandomLengthString(64);
    message.error = provider.ConsumeRandomLengthString(128);
    message.total_amount = provider.ConsumeRandomLengthString(16);
    // Times come from the clock, never from a request: the years 1970 to 9999.
    message.created_at = provider.ConsumeIntegralInRange<Millis>(0, 253'402'300'799'999);
    message.updated_at = provider.ConsumeIntegralInRange<Millis>(0, 253'402'300'799'999);
    message.text = provider.ConsumeRandomLengthString(512);
    while (provider.remaining_bytes() > 0 && message.media_urls.size() < 3)
        message.media_urls.push_back(provider.ConsumeRandomLengthString(128));

    auto cells = read_row(csv_row(message));
    fuzz::check(cells.has_value() && cells->size() == 13, "a row reads back as 13 RFC 4180 cells");
    for (auto const& cell : *cells)
        fuzz::check(!starts_like_formula(cell), "no cell starts like a formula");
    fuzz::check(written_as((*cells)[0], message.id), "the id reads back");
    fuzz::check(written_as((*cells)[3], message.recipient), "the recipient reads back");
    fuzz::check(written_as((*cells)[4], message.sender), "the sender reads back");
    fuzz::check(written_as((*cells)[8], *message.error), "the error reads back");
    fuzz::check(written_as((*cells)[11], message.text), "the text reads back");
    return 0;
}
