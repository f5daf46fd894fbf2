#include "suppressions/keywords.hpp"
#include "suppressions/routes/suppression_csv.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(Keywords, TheWholeMessageCountsCaseInsensitiveWithoutPunctuation)
{
    for (auto text : { "STOP", "stop", " Stop! ", "StopAll", "stop all", "Unsubscribe.", "cancel", "END", "quit", "Revoke", "optout",
             "Opt Out", "opt-out", "unsub" }) {
        EXPECT_EQ(classify_incoming(text, "").kind, KeywordKind::OptOut) << text;
    }
    EXPECT_EQ(classify_incoming("Opt-Out", "").keyword, "OPTOUT");
    EXPECT_EQ(classify_incoming(" Stop! ", "").keyword, "STOP");
}

TEST(Keywords, AnOptOutWordAmongOtherWordsIsOnlyFlagged)
{
    EXPECT_EQ(classify_incoming("please stop texting me", "").kind, KeywordKind::PossibleOptOut);
    EXPECT_EQ(classify_incoming("I want to opt out of this", "").kind, KeywordKind::PossibleOptOut);
    EXPECT_EQ(classify_incoming("stopping by at 5", "").kind, KeywordKind::None);
    EXPECT_EQ(classify_incoming("Is the shop open today?", "").kind, KeywordKind::None);
}

TEST(Keywords, PlivosIntentDecidesWhenTheTextDoesNot)
{
    EXPECT_EQ(classify_incoming("no more of these", "optout").kind, KeywordKind::OptOut);
    EXPECT_EQ(classify_incoming("no more of these", "optout").keyword, "MessageIntent=optout");
    EXPECT_EQ(classify_incoming("sure", "optin").kind, KeywordKind::OptIn);
    EXPECT_EQ(classify_incoming("what is this", "help").kind, KeywordKind::Help);
}

TEST(Keywords, OptInHelpAndYes)
{
    EXPECT_EQ(classify_incoming("START", "").kind, KeywordKind::OptIn);
    EXPECT_EQ(classify_incoming("unstop", "").kind, KeywordKind::OptIn);
    EXPECT_EQ(classify_incoming("Yes!", "").kind, KeywordKind::Yes);
    EXPECT_EQ(classify_incoming("help", "").kind, KeywordKind::Help);
    EXPECT_EQ(classify_incoming("INFO?", "").kind, KeywordKind::Help);
}

TEST(SuppressionCsv, ImportSkipsTheHeaderAndBlankLinesAndKeepsNotes)
{
    auto lines = parse_suppression_import("number,note\r\n+14155550120, from the old system\r\n\r\n\"415 555 0121\"\n");
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_EQ(lines[0].number, "+14155550120");
    EXPECT_EQ(lines[0].note, "from the old system");
    EXPECT_EQ(lines[0].line, 2);
    EXPECT_EQ(lines[1].number, "415 555 0121");
}

TEST(SuppressionCsv, ExportNeutralisesFormulas)
{
    Suppression entry;
    entry.number = "+14155550120";
    entry.source = "admin";
    entry.source_text = "=HYPERLINK(\"http://x\")";
    auto csv = suppressions_csv({ entry });
    EXPECT_NE(csv.find("\"+14155550120\""), std::string::npos);
    EXPECT_EQ(csv.find(",\"=HYPERLINK"), std::string::npos) << csv;
}

}
