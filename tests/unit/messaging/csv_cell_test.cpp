#include "messaging/message_json.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(CsvCell, QuotesEveryCellAndDoublesQuotes)
{
    EXPECT_EQ(csv_cell(""), "\"\"");
    EXPECT_EQ(csv_cell("hello"), "\"hello\"");
    EXPECT_EQ(csv_cell("say \"hi\", then go"), "\"say \"\"hi\"\", then go\"");
    EXPECT_EQ(csv_cell("two\r\nlines"), "\"two\r\nlines\"");
}

TEST(CsvCell, NeutralisesEveryCellASpreadsheetWouldRunAsAFormula)
{
    EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csv_cell("+1+cmd|' /C calc'!A0"), "\"'+1+cmd|' /C calc'!A0\"");
    EXPECT_EQ(csv_cell("-2+3"), "\"'-2+3\"");
    EXPECT_EQ(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
    EXPECT_EQ(csv_cell("\t=1+1"), "\"'\t=1+1\"");
    EXPECT_EQ(csv_cell("\r=1+1"), "\"'\r=1+1\"");
    EXPECT_EQ(csv_cell("+"), "\"'+\"");
    EXPECT_EQ(csv_cell("+1 415"), "\"'+1 415\"");
}

TEST(CsvCell, LeavesE164NumbersReadable)
{
    EXPECT_EQ(csv_cell("+14155550113"), "\"+14155550113\"");
    EXPECT_EQ(csv_cell("14155550113"), "\"14155550113\"");
}

TEST(CsvCell, RowsKeepPhoneNumbersAndNeutraliseTheText)
{
    MessageRecord message;
    message.id = "m1";
    message.recipient = "+14155550113";
    message.sender = "+14155550100";
    message.text = "\t=cmd";
    auto row = csv_row(message);
    EXPECT_NE(row.find(",\"+14155550113\",\"+14155550100\","), std::string::npos) << row;
    EXPECT_NE(row.find(",\"'\t=cmd\","), std::string::npos) << row;
    EXPECT_TRUE(row.ends_with("\r\n"));
}

}
