#include "team/user_tokens.hpp"

#include "support/store_fixture.hpp"
#include "audit/audit_query.hpp"
#include "store/user_queries.hpp"

namespace mmsgate::testing {
namespace {

constexpr Millis kNow = 1'750'000'000'000;

class UserTokensTest : public OpenDatabaseTest {
protected:
    template <class T, class Function>
    Result<T> write(Function function) { return m_database->write_blocking<T>(std::move(function)); }

    IssuedUserToken issue(std::string email = "new@example.com", UserTokenKind kind = UserTokenKind::Invite, Millis now = kNow)
    {
        auto issued = write<IssuedUserToken>([&](SqlConnection& connection) {
            return issue_user_token(connection, NewUserToken { kind, email, "sender", std::nullopt, std::nullopt }, now);
        });
        EXPECT_THAT(issued, IsOk());
        return *issued;
    }

    std::optional<UserToken> find(std::string const& secret, Millis now = kNow + 1000)
    {
        auto found = write<std::optional<UserToken>>([&](SqlConnection& connection) { return find_user_token(connection, secret, now); });
        EXPECT_THAT(found, IsOk());
        return found ? *found : std::nullopt;
    }
};

TEST_P(UserTokensTest, AnInviteIsFoundByItsSecretUntilItExpiresAndOnlyItsHashIsStored)
{
    auto issued = issue();
    EXPECT_EQ(issued.secret.size(), 43u);
    ASSERT_TRUE(find(issued.secret));
    EXPECT_EQ(find(issued.secret)->email, "new@example.com");
    EXPECT_FALSE(find(issued.secret, kNow + kInviteValidity));
    EXPECT_FALSE(find(issued.secret.substr(0, 42) + (issued.secret.back() == 'A' ? "B" : "A")));
    EXPECT_FALSE(find("not a token"));
    auto stored = write<std::string>([](SqlConnection& connection) -> Result<std::string> {
        auto selected = connection.execute("SELECT token_hash FROM mmsgate_user_token");
        if (!selected)
            return std::unexpected(selected.error());
        return selected->rows.at(0).text(0);
    });
    ASSERT_THAT(stored, IsOk());
    EXPECT_EQ(stored->size(), 64u);
    EXPECT_EQ(stored->find(issued.secret), std::string::npos);
}

TEST_P(UserTokensTest, ALinkWorksOnceAndANewerOneVoidsTheOlder)
{
    auto first = issue();
    auto second = issue("NEW@example.com");
    EXPECT_FALSE(find(first.secret));
    ASSERT_TRUE(find(second.secret));
    auto used = write<void>([&](SqlConnection& connection) { return use_user_token(connection, second.token.id, std::nullopt, kNow); });
    ASSERT_THAT(used, IsOk());
    EXPECT_FALSE(find(second.secret));
    auto again = write<void>([&](SqlConnection& connection) { return use_user_token(connection, second.token.id, std::nullopt, kNow); });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    // A reset link for the same address is another kind: the invite is untouched by it.
    auto invite = issue("other@example.com");
    issue("other@example.com", UserTokenKind::Reset);
    EXPECT_TRUE(find(invite.secret));
}

TEST_P(UserTokensTest, AuditEntriesAreFilteredPagedAndPruned)
{
    for (int i = 0; i < 5; ++i) {
        AuditEntry entry;
        entry.action = i % 2 == 0 ? "sign_in.failed" : "user.invited";
        entry.succeeded = i % 2 != 0;
        entry.actor_label = "admin" + std::to_string(i) + "@example.com";
        entry.client_address = "192.0.2." + std::to_string(i);
        entry.occurred_at = kNow + i * 1000;
        ASSERT_THAT(write<std::string>([&](SqlConnection& connection) { return append_audit_entry(connection, entry); }), IsOk());
    }
    auto list = [&](AuditFilter filter) {
        auto listed = write<std::vector<AuditRecord>>([&](SqlConnection& connection) { return list_audit_entries(connection, filter); });
        EXPECT_THAT(listed, IsOk());
        return listed ? *listed : std::vector<AuditRecord> {};
    };
    EXPECT_EQ(list({ .action = "sign_in.", .actor = "", .from = {}, .to = {}, .text = "", .before = {}, .limit = 50 }).size(), 3u);
    EXPECT_EQ(list({ .action = "user.invited", .actor = "", .from = {}, .to = {}, .text = "", .before = {}, .limit = 50 }).size(), 2u);
    EXPECT_EQ(list({ .action = "", .actor = "ADMIN3@", .from = {}, .to = {}, .text = "", .before = {}, .limit = 50 }).size(), 1u);
    EXPECT_EQ(list({ .action = "", .actor = "", .from = kNow + 1000, .to = kNow + 3000, .text = "", .before = {}, .limit = 50 }).size(), 2u);
    EXPECT_EQ(list({ .action = "", .actor = "", .from = {}, .to = {}, .text = "192.0.2.4", .before = {}, .limit = 50 }).size(), 1u);
    auto page = list({ .action = "", .actor = "", .from = {}, .to = {}, .text = "", .before = {}, .limit = 2 });
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].entry.occurred_at, kNow + 4000);
    auto next = list({ .action = "", .actor = "", .from = {}, .to = {}, .text = "", .before = std::pair { page[1].entry.occurred_at, page[1].id }, .limit = 2 });
    ASSERT_EQ(next.size(), 2u);
    EXPECT_EQ(next[0].entry.occurred_at, kNow + 2000);
    EXPECT_FALSE(next[0].entry.succeeded);
    auto pruned = write<int>([](SqlConnection& connection) { return prune_audit_log(connection, kNow + 2000); });
    ASSERT_THAT(pruned, IsOk());
    EXPECT_EQ(*pruned, 2);
}

TEST_P(UserTokensTest, RolesAreStoredBesideIsAdminAndChangingOneVoidsSessions)
{
    auto created = write<User>([](SqlConnection& connection) {
        return create_user(connection, NewUser { "v@example.com", std::nullopt, "hash", false, "viewer" }, kNow);
    });
    ASSERT_THAT(created, IsOk());
    EXPECT_EQ(created->role, "viewer");
    ASSERT_THAT(write<void>([&](SqlConnection& connection) { return set_user_role(connection, created->id, "admin", kNow + 5); }), IsOk());
    ASSERT_THAT(write<void>([&](SqlConnection& connection) { return record_sign_in(connection, created->id, "192.0.2.9", kNow + 9); }), IsOk());
    auto found = write<std::optional<User>>([&](SqlConnection& connection) { return find_user_by_id(connection, created->id); });
    ASSERT_THAT(found, IsOk());
    ASSERT_TRUE(*found);
    EXPECT_EQ((*found)->role, "admin");
    EXPECT_TRUE((*found)->is_admin);
    EXPECT_EQ((*found)->session_epoch, kNow + 5);
    EXPECT_EQ((*found)->last_sign_in_at, kNow + 9);
    EXPECT_EQ((*found)->last_sign_in_address, "192.0.2.9");
    auto admins = write<std::int64_t>([](SqlConnection& connection) { return count_active_admins(connection); });
    ASSERT_THAT(admins, IsOk());
    EXPECT_EQ(*admins, 1);
}

MMSGATE_ON_EVERY_BACKEND(UserTokensTest);

}
}
