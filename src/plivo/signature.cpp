#include "plivo/signature.hpp"

#include "core/random.hpp"
#include "core/secret.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <map>
#include <vector>

namespace mmsgate {

namespace {

std::string hmac_sha256_base64(std::string_view key, std::string_view message)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<unsigned char const*>(message.data()),
        message.size(), digest, &length);
    return base64_encode(std::string_view(reinterpret_cast<char const*>(digest), length));
}

// The URL split the way Python's urlparse does for the SDK: everything before '?' (fragment dropped).
struct SplitUrl {
    std::string_view base;
    std::string_view query;
};

SplitUrl split_url(std::string_view url)
{
    url = url.substr(0, url.find('#'));
    auto question = url.find('?');
    if (question == std::string_view::npos)
        return { url, {} };
    return { url.substr(0, question), url.substr(question + 1) };
}

// Keys in byte order, each key's values sorted too (the SDKs sort both).
using SortedParams = std::map<std::string, std::vector<std::string>>;

SortedParams sorted(FormFields const& fields)
{
    SortedParams out;
    for (auto const& [key, value] : fields)
        out[key].push_back(value);
    for (auto& [key, values] : out)
        std::ranges::sort(values);
    return out;
}

std::string join_query_style(SortedParams const& params)
{
    std::string out;
    for (auto const& [key, values] : params) {
        for (auto const& value : values) {
            if (!out.empty())
                out += '&';
            out += key + "=" + value;
        }
    }
    return out;
}

bool any_signature_matches(std::string_view expected, std::string_view header_value)
{
    bool matched = false;
    // Every candidate is compared, so the time taken does not reveal which one matched.
    while (true) {
        auto comma = header_value.find(',');
        auto candidate = header_value.substr(0, comma);
        while (!candidate.empty() && candidate.front() == ' ')
            candidate.remove_prefix(1);
        while (!candidate.empty() && candidate.back() == ' ')
            candidate.remove_suffix(1);
        matched = constant_time_equals(expected, candidate) || matched;
        if (comma == std::string_view::npos)
            break;
        header_value.remove_prefix(comma + 1);
    }
    return matched;
}

bool is_get(std::string_view method)
{
    return method.size() == 3 && (method[0] == 'G' || method[0] == 'g') && (method[1] == 'E' || method[1] == 'e')
        && (method[2] == 'T' || method[2] == 't');
}

}

std::string signature_v3_base(std::string_view method, std::string_view url, FormFields const& params)
{
    auto [base, query_text] = split_url(url);
    auto query = sorted(parse_form(query_text));
    std::string out(base);
    if (is_get(method)) {
        // The query's values replace a parameter of the same name (the Python SDK's dict.update).
        auto merged = sorted(params);
        for (auto& [key, values] : query)
            merged[key] = values;
        auto joined = join_query_style(merged);
        if (!joined.empty())
            out += "?" + joined;
        return out;
    }
    auto body = sorted(params);
    if (!body.empty() || !query.empty())
        out += '?';
    if (!query.empty()) {
        out += join_query_style(query);
        if (!body.empty())
            out += '.';
    }
    for (auto const& [key, values] : body) {
        for (auto const& value : values)
            out += key + value;
    }
    return out;
}

std::string compute_signature_v3(std::string_view auth_token, std::string_view method, std::string_view url,
    FormFields const& params, std::string_view nonce)
{
    auto message = signature_v3_base(method, url, params);
    message += '.';
    message += nonce;
    return hmac_sha256_base64(auth_token, message);
}

bool verify_signature_v3(std::string_view auth_token, std::string_view method, std::string_view url,
    FormFields const& params, std::string_view nonce, std::string_view header_value)
{
    if (nonce.empty() || header_value.empty())
        return false;
    return any_signature_matches(compute_signature_v3(auth_token, method, url, params, nonce), header_value);
}

std::string compute_signature_v2(std::string_view auth_token, std::string_view url, std::string_view nonce)
{
    std::string message(split_url(url).base);
    message += nonce;
    return hmac_sha256_base64(auth_token, message);
}

bool verify_signature_v2(
    std::string_view auth_token, std::string_view url, std::string_view nonce, std::string_view header_value)
{
    if (nonce.empty() || header_value.empty())
        return false;
    return any_signature_matches(compute_signature_v2(auth_token, url, nonce), header_value);
}

std::string new_signature_nonce()
{
    auto bytes = random_bytes(20);
    std::string nonce;
    for (char byte : bytes)
        nonce += char('0' + static_cast<unsigned char>(byte) % 10);
    return nonce;
}

}
