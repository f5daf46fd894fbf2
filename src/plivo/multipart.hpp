#pragma once
// multipart/form-data (RFC 7578), as Plivo's media upload takes it: the client builds one, the
// simulator parses one. Only what the upload needs: file parts with a name, a filename and a type.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

struct MultipartPart {
    std::string name = {}; // the form field, "file" for Plivo uploads
    std::string file_name = {};
    std::string content_type = {};
    std::string data = {};
};

struct MultipartBody {
    std::string content_type = {}; // multipart/form-data; boundary=...
    std::string body = {};
};

// Picks a random boundary that occurs in none of the parts.
[[nodiscard]] MultipartBody build_multipart(std::vector<MultipartPart> const& parts);

// nullopt when the content type is not multipart/form-data with a boundary or the body is malformed.
[[nodiscard]] std::optional<std::vector<MultipartPart>> parse_multipart(
    std::string_view content_type, std::string_view body);

}
