#include "config/environment.hpp"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>

extern char** environ;

namespace mmsgate {

namespace {

std::string_view trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

bool is_valid_name(std::string_view name)
{
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())))
        return false;
    for (char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
            return false;
    }
    return true;
}

std::string unquote_double(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            char next = text[++i];
            out += next == 'n' ? '\n' : next;
        } else {
            out += text[i];
        }
    }
    return out;
}

}

Result<std::map<std::string, std::string>> parse_dotenv(std::string_view text)
{
    std::map<std::string, std::string> variables;
    int line_number = 0;
    while (!text.empty()) {
        auto end = text.find('\n');
        auto line = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view {} : text.substr(end + 1);
        ++line_number;
        if (line.empty() || line.front() == '#')
            continue;
        if (line.starts_with("export "))
            line = trim(line.substr(7));
        auto equals = line.find('=');
        auto name = trim(line.substr(0, equals));
        if (equals == std::string_view::npos || !is_valid_name(name))
            return fail(ErrorCode::InvalidArgument, fmt::format("line {} is not NAME=value", line_number));
        auto value = trim(line.substr(equals + 1));
        std::string parsed;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            parsed = unquote_double(value.substr(1, value.size() - 2));
        } else if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
            parsed = std::string(value.substr(1, value.size() - 2));
        } else {
            // An unquoted value ends at a comment that follows white space.
            auto comment = value.find(" #");
            parsed = std::string(trim(value.substr(0, comment)));
        }
        variables[std::string(name)] = std::move(parsed);
    }
    return variables;
}

Result<Environment> Environment::load(std::filesystem::path const& directory)
{
    Environment environment;
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string_view text(*entry);
        auto equals = text.find('=');
        if (equals == std::string_view::npos)
            continue;
        environment.m_variables.emplace(std::string(text.substr(0, equals)),
            std::pair { std::string(text.substr(equals + 1)), std::string("environment") });
    }
    for (char const* file_name : { ".env.local", ".env" }) {
        auto path = directory / file_name;
        std::ifstream file(path);
        if (!file)
            continue;
        std::stringstream contents;
        contents << file.rdbuf();
        auto parsed = parse_dotenv(contents.str());
        if (!parsed)
            return fail(ErrorCode::InvalidArgument, fmt::format("{}: {}", path.string(), parsed.error().message));
        for (auto& [name, value] : *parsed)
            environment.m_variables.emplace(name, std::pair { value, std::string(file_name) });
    }
    return environment;
}

Environment Environment::from_map(std::map<std::string, std::string> variables)
{
    Environment environment;
    for (auto& [name, value] : variables)
        environment.m_variables.emplace(name, std::pair { value, std::string("environment") });
    return environment;
}

std::optional<std::string> Environment::get(std::string const& name) const
{
    auto it = m_variables.find(name);
    if (it == m_variables.end() || it->second.first.empty())
        return std::nullopt;
    return it->second.first;
}

std::string Environment::source_of(std::string const& name) const
{
    auto it = m_variables.find(name);
    return it == m_variables.end() ? "default" : it->second.second;
}

}
