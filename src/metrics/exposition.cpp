#include "metrics/exposition.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mmsgate {

void append_label_value(std::string& out, std::string_view value)
{
    for (char character : value) {
        switch (character) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += character;
        }
    }
}

void append_help_text(std::string& out, std::string_view text)
{
    for (char character : text) {
        if (character == '\\')
            out += "\\\\";
        else if (character == '\n')
            out += "\\n";
        else
            out += character;
    }
}

void append_number(std::string& out, double value)
{
    if (std::isnan(value))
        out += "NaN";
    else if (std::isinf(value))
        out += value > 0 ? "+Inf" : "-Inf";
    else
        fmt::format_to(std::back_inserter(out), "{}", value);
}

void append_number(std::string& out, std::uint64_t value)
{
    fmt::format_to(std::back_inserter(out), "{}", value);
}

std::string render_labels(std::span<std::string const> names, std::span<std::string const> values)
{
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += names[i];
        out += "=\"";
        append_label_value(out, values[i]);
        out += '"';
    }
    return out;
}

void append_sample_start(std::string& out, std::string_view name, std::string_view labels, std::string_view extra)
{
    out += name;
    if (!labels.empty() || !extra.empty()) {
        out += '{';
        out += labels;
        if (!labels.empty() && !extra.empty())
            out += ',';
        out += extra;
        out += '}';
    }
    out += ' ';
}

void append_family_header(std::string& out, std::string_view name, std::string_view help, std::string_view type)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    append_help_text(out, help);
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

namespace {

bool is_letter_or_underscore(char character)
{
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character == '_';
}

bool is_digit(char character)
{
    return character >= '0' && character <= '9';
}

}

bool is_valid_metric_name(std::string_view name)
{
    if (name.empty() || !(is_letter_or_underscore(name[0]) || name[0] == ':'))
        return false;
    for (char character : name) {
        if (!is_letter_or_underscore(character) && !is_digit(character) && character != ':')
            return false;
    }
    return true;
}

bool is_valid_label_name(std::string_view name)
{
    if (name.empty() || !is_letter_or_underscore(name[0]) || name.starts_with("__"))
        return false;
    for (char character : name) {
        if (!is_letter_or_underscore(character) && !is_digit(character))
            return false;
    }
    return true;
}

}
