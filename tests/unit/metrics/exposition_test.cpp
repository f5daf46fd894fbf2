#include "metrics/exposition.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace mmsgate {
namespace {

std::string label_value(std::string_view value)
{
    std::string out;
    append_label_value(out, value);
    return out;
}

std::string help_text(std::string_view value)
{
    std::string out;
    append_help_text(out, value);
    return out;
}

std::string number(double value)
{
    std::string out;
    append_number(out, value);
    return out;
}

// Text format 0.0.4: in label values `\` is `\\`, `"` is `\"` and a line feed is `\n`.
TEST(Exposition, EscapesLabelValues)
{
    EXPECT_EQ(label_value(R"(C:\DIR\FILE.TXT)"), R"(C:\\DIR\\FILE.TXT)");
    EXPECT_EQ(label_value("say \"hi\""), R"(say \"hi\")");
    EXPECT_EQ(label_value("two\nlines"), R"(two\nlines)");
    EXPECT_EQ(label_value("/api/messages/{id}"), "/api/messages/{id}");
    EXPECT_EQ(label_value("tab\tand ümlaut"), "tab\tand ümlaut");
}

// In HELP only backslash and line feed are escaped; a double quote stays.
TEST(Exposition, EscapesHelpText)
{
    EXPECT_EQ(help_text("a \\ b\nc \"d\""), "a \\\\ b\\nc \"d\"");
}

TEST(Exposition, FormatsNumbersTheWayPrometheusReadsThem)
{
    EXPECT_EQ(number(0), "0");
    EXPECT_EQ(number(42), "42");
    EXPECT_EQ(number(-3.5), "-3.5");
    EXPECT_EQ(number(0.0001), "0.0001");
    EXPECT_EQ(number(0.00025), "0.00025");
    EXPECT_EQ(number(2.5), "2.5");
    EXPECT_EQ(number(1e-05), "1e-05");
    EXPECT_EQ(number(std::numeric_limits<double>::infinity()), "+Inf");
    EXPECT_EQ(number(-std::numeric_limits<double>::infinity()), "-Inf");
    EXPECT_EQ(number(std::numeric_limits<double>::quiet_NaN()), "NaN");
    std::string out;
    append_number(out, std::uint64_t(18446744073709551615ULL));
    EXPECT_EQ(out, "18446744073709551615");
}

TEST(Exposition, RendersLabelsInOrderWithoutBraces)
{
    std::vector<std::string> names { "method", "route" };
    std::vector<std::string> values { "GET", "a\"b" };
    EXPECT_EQ(render_labels(names, values), R"(method="GET",route="a\"b")");
    EXPECT_EQ(render_labels({}, {}), "");
}

TEST(Exposition, WritesSampleNamesWithAndWithoutLabels)
{
    std::string out;
    append_sample_start(out, "up", "");
    EXPECT_EQ(out, "up ");
    out.clear();
    append_sample_start(out, "x_bucket", "", "le=\"1\"");
    EXPECT_EQ(out, "x_bucket{le=\"1\"} ");
    out.clear();
    append_sample_start(out, "x_bucket", "route=\"/\"", "le=\"1\"");
    EXPECT_EQ(out, "x_bucket{route=\"/\",le=\"1\"} ");
}

TEST(Exposition, ValidatesNames)
{
    EXPECT_TRUE(is_valid_metric_name("mmsgate_http_requests_total"));
    EXPECT_TRUE(is_valid_metric_name("job:rate5m"));
    EXPECT_TRUE(is_valid_metric_name("_x"));
    EXPECT_FALSE(is_valid_metric_name(""));
    EXPECT_FALSE(is_valid_metric_name("1x"));
    EXPECT_FALSE(is_valid_metric_name("a-b"));
    EXPECT_FALSE(is_valid_metric_name("a b"));

    EXPECT_TRUE(is_valid_label_name("route"));
    EXPECT_TRUE(is_valid_label_name("_private"));
    EXPECT_FALSE(is_valid_label_name("__name__"));
    EXPECT_FALSE(is_valid_label_name("a:b"));
    EXPECT_FALSE(is_valid_label_name("9"));
    EXPECT_FALSE(is_valid_label_name(""));
}

}
}
