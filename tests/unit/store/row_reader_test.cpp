#include "store/row_reader.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

struct Sample {
    std::string name;
    std::optional<std::string> note;
    std::int64_t count = 0;
    int small = 0;
    bool flag = false;
    std::optional<std::int64_t> at;
    std::optional<int> code;
    std::vector<std::string> tags;
};

Sample sample_from_row(RowReader& next)
{
    Sample sample;
    next(sample.name, sample.note, sample.count, sample.small, sample.flag, sample.at, sample.code, sample.tags);
    return sample;
}

TEST(RowReader, ReadsTheColumnsInOrderByTheFieldsTypes)
{
    SqlRow row({ std::string("ann"), std::string("hi"), std::int64_t { 1'750'000'000'000 }, std::string("7"), std::string("t"),
        std::int64_t { 5 }, std::int64_t { 300 }, std::string(R"(["a", 2, "b"])") });
    RowReader next(row);
    auto sample = sample_from_row(next);
    EXPECT_EQ(sample.name, "ann");
    EXPECT_EQ(sample.note, "hi");
    EXPECT_EQ(sample.count, 1'750'000'000'000);
    EXPECT_EQ(sample.small, 7);
    EXPECT_TRUE(sample.flag);
    EXPECT_EQ(sample.at, 5);
    EXPECT_EQ(sample.code, 300);
    EXPECT_EQ(sample.tags, (std::vector<std::string> { "a", "b" }));
}

TEST(RowReader, NullReadsAsEmptyOrNothing)
{
    SqlRow row({ nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr });
    RowReader next(row);
    auto sample = sample_from_row(next);
    EXPECT_EQ(sample.name, "");
    EXPECT_EQ(sample.note, std::nullopt);
    EXPECT_EQ(sample.count, 0);
    EXPECT_FALSE(sample.flag);
    EXPECT_EQ(sample.at, std::nullopt);
    EXPECT_EQ(sample.code, std::nullopt);
    EXPECT_TRUE(sample.tags.empty());
}

TEST(RowReader, NextTakesOneColumnAndReadingPastTheRowThrows)
{
    SqlRow row({ std::string("x"), std::int64_t { 2 } });
    RowReader next(row);
    EXPECT_EQ(next.next<std::string>(), "x");
    EXPECT_EQ(next.next<std::int64_t>(), 2);
    EXPECT_THROW((void)next.next<std::string>(), std::out_of_range);
}

TEST(RowReader, ReadsEveryRowOfAResult)
{
    SqlResult result;
    result.rows.emplace_back(std::vector<SqlValue> { std::string("a"), std::int64_t { 1 } });
    result.rows.emplace_back(std::vector<SqlValue> { std::string("b"), std::int64_t { 2 } });
    auto pairs = read_rows(result, [](RowReader& next) {
        auto name = next.next<std::string>();
        return std::pair { name, next.next<int>() };
    });
    ASSERT_EQ(pairs.size(), 2u);
    EXPECT_EQ(pairs[1], (std::pair<std::string, int> { "b", 2 }));
}

TEST(RowReader, FirstRecordIsNothingForNoRows)
{
    EXPECT_EQ(*first_record(Result<std::vector<int>> { std::vector<int> {} }), std::nullopt);
    EXPECT_EQ(*first_record(Result<std::vector<int>> { std::vector<int> { 4, 5 } }), 4);
    EXPECT_FALSE(first_record(Result<std::vector<int>> { std::unexpected(Error { ErrorCode::Unavailable, "down" }) }));
}

TEST(StringsFromJsonArray, KeepsOnlyTheStringsOfAnArray)
{
    EXPECT_EQ(strings_from_json_array(R"(["x","y"])"), (std::vector<std::string> { "x", "y" }));
    EXPECT_TRUE(strings_from_json_array("{}").empty());
    EXPECT_TRUE(strings_from_json_array("not json").empty());
    EXPECT_TRUE(strings_from_json_array("").empty());
}

}
}
