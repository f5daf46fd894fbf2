#include "store/sql_connection.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

TEST(SqlRow, ReadsEachKindOfValue)
{
    SqlRow row({ nullptr, std::int64_t { 42 }, 2.5, std::string("hello"), std::string("-17"), std::string("t"),
        std::string("f"), std::string("12.0"), std::string("abc") });
    EXPECT_TRUE(row.is_null(0));
    EXPECT_FALSE(row.is_null(1));
    EXPECT_EQ(row.text(0), "");
    EXPECT_EQ(row.optional_text(0), std::nullopt);
    EXPECT_EQ(row.integer(0), 0);
    EXPECT_EQ(row.optional_integer(0), std::nullopt);

    EXPECT_EQ(row.text(1), "42");
    EXPECT_EQ(row.integer(1), 42);
    EXPECT_EQ(row.optional_integer(1), 42);
    EXPECT_EQ(row.text(2), "2.5");
    EXPECT_EQ(row.integer(2), 2);
    EXPECT_EQ(row.text(3), "hello");
    EXPECT_EQ(row.optional_text(3), "hello");
    EXPECT_EQ(row.integer(3), 0);
    // PostgreSQL hands integers, booleans and NUMERIC over as text.
    EXPECT_EQ(row.integer(4), -17);
    EXPECT_EQ(row.integer(5), 1);
    EXPECT_EQ(row.integer(6), 0);
    EXPECT_EQ(row.integer(7), 12);
    EXPECT_EQ(row.integer(8), 0);
    EXPECT_EQ(row.size(), 9u);
}

TEST(SqlRow, ColumnPastTheEndThrows)
{
    SqlRow row({ std::int64_t { 1 } });
    EXPECT_THROW((void)row.text(1), std::out_of_range);
}

TEST(SqlValue, OptionalMapsToNull)
{
    EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(sql_value(std::optional<std::string> {})));
    EXPECT_EQ(std::get<std::string>(sql_value(std::optional<std::string> { "x" })), "x");
    EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(sql_value(std::optional<std::int64_t> {})));
    EXPECT_EQ(std::get<std::int64_t>(sql_value(std::optional<std::int64_t> { 7 })), 7);
}

}
}
