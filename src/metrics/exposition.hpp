#pragma once
// Pieces of the Prometheus text exposition format 0.0.4: escaping and number formatting.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mmsgate {

inline constexpr std::string_view kExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

// Label values escape backslash, double quote and line feed.
void append_label_value(std::string& out, std::string_view value);
// HELP text escapes backslash and line feed (a double quote stays as it is).
void append_help_text(std::string& out, std::string_view text);
// The shortest text that reads back as the same double; +Inf, -Inf and NaN as Prometheus spells them.
void append_number(std::string& out, double value);
void append_number(std::string& out, std::uint64_t value);
// name1="value1",name2="value2" (without braces), values escaped.
[[nodiscard]] std::string render_labels(std::span<std::string const> names, std::span<std::string const> values);
// `name{labels} value` or `name value` when there are no labels; `extra` is one more rendered label
// (le="…" of a histogram bucket).
void append_sample_start(std::string& out, std::string_view name, std::string_view labels, std::string_view extra = {});
void append_family_header(std::string& out, std::string_view name, std::string_view help, std::string_view type);

// Metric names match [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]* without a
// leading "__" (reserved by Prometheus).
[[nodiscard]] bool is_valid_metric_name(std::string_view name);
[[nodiscard]] bool is_valid_label_name(std::string_view name);

}
