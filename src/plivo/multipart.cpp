#include "plivo/multipart.hpp"

#include "core/encoding.hpp"
#include "core/random.hpp"

#include <algorithm>
#include <cctype>

namespace mmsgate {

namespace {

// Quotes and line breaks cannot appear inside a quoted header parameter; browsers percent-encode
// them (WHATWG "multipart/form-data encoding algorithm"), and so do we.
std::string escape_parameter(std::string_view value)
{
    std::string out;
    for (char c : value) {
        if (c == '"')
            out += "%22";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else
            out += c;
    }
    return out;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// The value of `name=` in a header such as `form-data; name="file"; filename="a.png"`.
std::optional<std::string> header_parameter(std::string_view header, std::string_view name)
{
    while (!header.empty()) {
        auto semicolon = header.find(';');
        auto item = trim_blanks(header.substr(0, semicolon));
        header = semicolon == std::string_view::npos ? std::string_view {} : header.substr(semicolon + 1);
        auto equals = item.find('=');
        if (equals == std::string_view::npos || lower(trim_blanks(item.substr(0, equals))) != name)
            continue;
        auto value = trim_blanks(item.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        return std::string(value);
    }
    return std::nullopt;
}

std::optional<MultipartPart> parse_part(std::string_view part)
{
    auto header_end = part.find("\r\n\r\n");
    if (header_end == std::string_view::npos)
        return std::nullopt;
    MultipartPart out;
    auto headers = part.substr(0, header_end);
    out.data = std::string(part.substr(header_end + 4));
    bool has_disposition = false;
    while (!headers.empty()) {
        auto line_end = headers.find("\r\n");
        auto line = headers.substr(0, line_end);
        headers = line_end == std::string_view::npos ? std::string_view {} : headers.substr(line_end + 2);
        auto colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        auto name = lower(trim_blanks(line.substr(0, colon)));
        auto value = trim_blanks(line.substr(colon + 1));
        if (name == "content-disposition") {
            has_disposition = true;
            out.name = header_parameter(value, "name").value_or("");
            out.file_name = header_parameter(value, "filename").value_or("");
        } else if (name == "content-type") {
            out.content_type = std::string(value);
        }
    }
    if (!has_disposition)
        return std::nullopt;
    return out;
}

}

MultipartBody build_multipart(std::vector<MultipartPart> const& parts)
{
    std::string boundary;
    do {
        boundary = "----mmsgate" + random_hex(16);
    } while (std::ranges::any_of(parts, [&](auto const& part) { return part.data.find(boundary) != std::string::npos; }));
    MultipartBody out;
    out.content_type = "multipart/form-data; boundary=" + boundary;
    for (auto const& part : parts) {
        out.body += "--" + boundary + "\r\n";
        out.body += "Content-Disposition: form-data; name=\"" + escape_parameter(part.name) + "\"";
        if (!part.file_name.empty())
            out.body += "; filename=\"" + escape_parameter(part.file_name) + "\"";
        out.body += "\r\n";
        if (!part.content_type.empty())
            out.body += "Content-Type: " + escape_parameter(part.content_type) + "\r\n";
        out.body += "\r\n";
        out.body += part.data;
        out.body += "\r\n";
    }
    out.body += "--" + boundary + "--\r\n";
    return out;
}

std::optional<std::vector<MultipartPart>> parse_multipart(std::string_view content_type, std::string_view body)
{
    auto semicolon = content_type.find(';');
    if (lower(trim_blanks(content_type.substr(0, semicolon))) != "multipart/form-data" || semicolon == std::string_view::npos)
        return std::nullopt;
    auto boundary = header_parameter(content_type.substr(semicolon + 1), "boundary");
    if (!boundary || boundary->empty())
        return std::nullopt;
    std::string delimiter = "--" + *boundary;
    auto position = body.find(delimiter);
    if (position == std::string_view::npos)
        return std::nullopt;
    std::vector<MultipartPart> parts;
    position += delimiter.size();
    while (true) {
        if (body.substr(position, 2) == "--")
            return parts;
        if (body.substr(position, 2) != "\r\n")
            return std::nullopt;
        position += 2;
        auto next = body.find("\r\n" + delimiter, position);
        if (next == std::string_view::npos)
            return std::nullopt;
        auto part = parse_part(body.substr(position, next - position));
        if (!part)
            return std::nullopt;
        parts.push_back(std::move(*part));
        position = next + 2 + delimiter.size();
    }
}

}
