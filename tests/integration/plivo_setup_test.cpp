// `mmsgate plivo setup` against the simulator's Application and Number APIs: the first run creates
// the application and attaches the number, a second run changes nothing, a changed public URL
// updates the application.
#include "integration/fixture.hpp"

namespace mmsgate::testing {

class PlivoSetupTest : public MmsgateTest { };

TEST_P(PlivoSetupTest, CreatesTheApplicationAttachesTheNumberAndASecondRunChangesNothing)
{
    auto environment = server_environment({ { "MMSGATE_PUBLIC_URL", "https://mms.example.com" } });
    auto [status, output] = run_mmsgate({ "plivo", "setup" }, environment, "");
    ASSERT_EQ(status, 0) << output;
    EXPECT_NE(output.find("created the Plivo application mmsgate"), std::string::npos) << output;
    EXPECT_NE(output.find("attached +14155550100"), std::string::npos) << output;

    HttpClient simulator_client(simulator().base_url());
    auto state = simulator_client.get("/_sim/applications").json();
    ASSERT_EQ(state["applications"].size(), 1u) << state.dump();
    auto const& application = state["applications"][0];
    EXPECT_EQ(application["message_url"], "https://mms.example.com/api/plivo/inbound");
    EXPECT_EQ(application["message_method"], "POST");
    EXPECT_EQ(state["numbers"]["14155550100"], application["app_id"]);

    auto [second_status, second_output] = run_mmsgate({ "plivo", "setup" }, environment, "");
    ASSERT_EQ(second_status, 0) << second_output;
    EXPECT_EQ(second_output.find("changed:"), std::string::npos) << second_output;
    EXPECT_NE(second_output.find("no change needed"), std::string::npos) << second_output;
    EXPECT_EQ(simulator_client.get("/_sim/applications").json(), state);

    auto moved = server_environment({ { "MMSGATE_PUBLIC_URL", "https://sms.example.com" } });
    auto [third_status, third_output] = run_mmsgate({ "plivo", "setup", "--number", "+14155550100", "--number", "+14155550101" }, moved, "");
    ASSERT_EQ(third_status, 0) << third_output;
    EXPECT_NE(third_output.find("updated the Plivo application mmsgate"), std::string::npos) << third_output;
    EXPECT_NE(third_output.find("attached +14155550101"), std::string::npos) << third_output;
    EXPECT_EQ(third_output.find("attached +14155550100"), std::string::npos) << third_output;
    auto after = simulator_client.get("/_sim/applications").json();
    EXPECT_EQ(after["applications"].size(), 1u);
    EXPECT_EQ(after["applications"][0]["message_url"], "https://sms.example.com/api/plivo/inbound");
}

MMSGATE_ON_EVERY_BACKEND(PlivoSetupTest);

}
