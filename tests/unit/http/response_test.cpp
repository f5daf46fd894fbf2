#include "http/response.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

TEST(ResponseHeaders, FindsValuesThatWouldSplitTheHeader)
{
    auto safe = redirect_response("http://127.0.0.1:3000/send?x=1");
    EXPECT_EQ(find_unsafe_header(safe), std::nullopt);
    for (std::string value : { std::string("/x\r\nSet-Cookie: a=b"), std::string("/x\nRefresh: 0"), std::string("/x\r"),
             std::string("/x\0y", 4) }) {
        auto response = redirect_response(value);
        EXPECT_EQ(find_unsafe_header(response), "Location") << value;
    }
    auto custom = json_response(http::status::ok, nlohmann::json { { "ok", true } });
    custom.set("X-Echo", std::string("a\0b", 3));
    EXPECT_EQ(find_unsafe_header(custom), "X-Echo");
    EXPECT_TRUE(is_safe_header_value("text/html; charset=utf-8"));
    EXPECT_FALSE(is_safe_header_value(std::string_view("a\0", 2)));
}

TEST(JsonText, TextThatIsNotUtf8BecomesReplacementCharactersInsteadOfAnException)
{
    // A Plivo error text cut in the middle of a two-byte character.
    nlohmann::json value { { "error", std::string("caf\xc3") } };
    EXPECT_THROW((void)value.dump(), nlohmann::json::type_error);
    EXPECT_EQ(json_text(value), "{\"error\":\"caf\xef\xbf\xbd\"}");
}

}
