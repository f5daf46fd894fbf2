#include "store/user_queries.hpp"

#include "store/migrations.hpp"
#include "support/store_fixture.hpp"
#include "support/vectors.hpp"

namespace mmsgate::testing {
namespace {

class UserQueriesTest : public OpenDatabaseTest {
protected:
    template <class T, class Function>
    Result<T> write(Function function) { return m_database->write_blocking<T>(std::move(function)); }
    template <class T, class Function>
    Result<T> read(Function function) { return m_database->read_blocking<T>(std::move(function)); }

    Result<User> create(std::string email, bool is_admin = false, std::int64_t now = 1'750'000'000'000)
    {
        return write<User>([&](SqlConnection& connection) {
            return create_user(connection, NewUser { email, "Name of " + email, hash(), is_admin, is_admin ? "admin" : "sender" }, now);
        });
    }

    Result<std::optional<User>> by_email(std::string email)
    {
        return read<std::optional<User>>([&](SqlConnection& connection) { return find_user_by_email(connection, email); });
    }

    Result<std::optional<User>> by_id(std::string id)
    {
        return read<std::optional<User>>([&](SqlConnection& connection) { return find_user_by_id(connection, id); });
    }

    // A hash made by node's bcrypt, as the seed stores it.
    static std::string hash(std::size_t index = 0)
    {
        return nextauth_vectors()["bcrypt"]["random_salt"][index]["hash"].get<std::string>();
    }

    // A user the seed created: a "User" row and no mmsgate settings row.
    void insert_seed_user(std::string id, std::string email)
    {
        ASSERT_THAT(write<void>([&](SqlConnection& connection) -> Result<void> {
            auto inserted = connection.execute(R"sql(INSERT INTO "User" ("id", "email", "password") VALUES ($1, $2, $3))sql",
                { id, email, hash() });
            if (!inserted)
                return std::unexpected(inserted.error());
            return {};
        }),
            IsOk());
    }

};

TEST_P(UserQueriesTest, CreatesAndFindsAUser)
{
    auto created = create("Ann.Smith@Example.com", true);
    ASSERT_THAT(created, IsOk());
    EXPECT_EQ(created->id.size(), 25u);
    EXPECT_EQ(created->id[0], 'c');
    EXPECT_EQ(created->email, "Ann.Smith@Example.com");
    EXPECT_TRUE(created->is_admin);

    for (std::string email : { "Ann.Smith@Example.com", "ann.smith@example.com", "ANN.SMITH@EXAMPLE.COM" }) {
        auto found = by_email(email);
        ASSERT_THAT(found, IsOk());
        ASSERT_TRUE(found->has_value()) << email;
        EXPECT_EQ((*found)->id, created->id);
        EXPECT_EQ((*found)->email, "Ann.Smith@Example.com");
        EXPECT_EQ((*found)->name, "Name of Ann.Smith@Example.com");
        EXPECT_EQ((*found)->password_hash, hash());
        EXPECT_EQ((*found)->image, std::nullopt);
        EXPECT_TRUE((*found)->is_admin);
        EXPECT_FALSE((*found)->disabled);
        EXPECT_EQ((*found)->session_epoch, 0);
    }
    auto by_key = by_id(created->id);
    ASSERT_THAT(by_key, IsOk());
    ASSERT_TRUE(by_key->has_value());
    EXPECT_EQ((*by_key)->email, "Ann.Smith@Example.com");
}

TEST_P(UserQueriesTest, UnknownUsersAreNotFound)
{
    ASSERT_THAT(create("someone@example.com"), IsOk());
    auto missing = by_email("nobody@example.com");
    ASSERT_THAT(missing, IsOk());
    EXPECT_FALSE(missing->has_value());
    auto missing_id = by_id("c0000000000000000000000000");
    ASSERT_THAT(missing_id, IsOk());
    EXPECT_FALSE(missing_id->has_value());
    EXPECT_THAT(write<void>([](SqlConnection& connection) { return set_user_password(connection, "missing", hash(), 1); }),
        HasError(ErrorCode::NotFound));
    EXPECT_THAT(write<void>([](SqlConnection& connection) { return set_user_disabled(connection, "missing", true, 1); }),
        HasError(ErrorCode::NotFound));
}

TEST_P(UserQueriesTest, TakenEmailInAnyCaseIsAlreadyExists)
{
    ASSERT_THAT(create("taken@example.com"), IsOk());
    for (std::string email : { "taken@example.com", "TAKEN@example.com" }) {
        auto again = create(email);
        ASSERT_THAT(again, HasError(ErrorCode::AlreadyExists)) << email;
        EXPECT_EQ(again.error().field, "email");
    }
    auto count = read<std::int64_t>([](SqlConnection& connection) { return count_users(connection); });
    ASSERT_THAT(count, IsOk());
    EXPECT_EQ(*count, 1);
}

TEST_P(UserQueriesTest, SeedUserWithoutSettingsGetsDefaultsAndCanChangePassword)
{
    insert_seed_user("clx0seeduser000000000000b", "seed@example.com");
    auto found = by_email("Seed@Example.com");
    ASSERT_THAT(found, IsOk());
    ASSERT_TRUE(found->has_value());
    EXPECT_FALSE((*found)->is_admin);
    EXPECT_FALSE((*found)->disabled);
    EXPECT_EQ((*found)->session_epoch, 0);

    // Changing the password creates the settings row and voids older sessions.
    ASSERT_THAT(write<void>([&](SqlConnection& connection) { return set_user_password(connection, "clx0seeduser000000000000b", hash(1), 1'760'000'000'000); }),
        IsOk());
    auto changed = by_id("clx0seeduser000000000000b");
    ASSERT_THAT(changed, IsOk());
    ASSERT_TRUE(changed->has_value());
    EXPECT_EQ((*changed)->password_hash, hash(1));
    EXPECT_EQ((*changed)->session_epoch, 1'760'000'000'000);

    // And again, now that the row exists.
    ASSERT_THAT(write<void>([&](SqlConnection& connection) { return set_user_password(connection, "clx0seeduser000000000000b", hash(2), 1'770'000'000'000); }),
        IsOk());
    changed = by_id("clx0seeduser000000000000b");
    ASSERT_THAT(changed, IsOk());
    EXPECT_EQ((*changed)->password_hash, hash(2));
    EXPECT_EQ((*changed)->session_epoch, 1'770'000'000'000);
}

TEST_P(UserQueriesTest, DisablingVoidsSessionsAndEnablingKeepsThemVoid)
{
    auto created = create("worker@example.com");
    ASSERT_THAT(created, IsOk());
    auto set_disabled = [&](bool disabled, std::int64_t now) {
        return write<void>([&](SqlConnection& connection) { return set_user_disabled(connection, created->id, disabled, now); });
    };
    ASSERT_THAT(set_disabled(true, 1'760'000'000'000), IsOk());
    auto user = by_id(created->id);
    ASSERT_THAT(user, IsOk());
    EXPECT_TRUE((*user)->disabled);
    EXPECT_EQ((*user)->session_epoch, 1'760'000'000'000);

    ASSERT_THAT(set_disabled(false, 1'770'000'000'000), IsOk());
    user = by_id(created->id);
    ASSERT_THAT(user, IsOk());
    EXPECT_FALSE((*user)->disabled);
    EXPECT_EQ((*user)->session_epoch, 1'760'000'000'000);

    // A seed user without a settings row can be disabled too.
    insert_seed_user("clx0seeduser000000000000c", "seed2@example.com");
    ASSERT_THAT(write<void>([&](SqlConnection& connection) { return set_user_disabled(connection, "clx0seeduser000000000000c", true, 5); }),
        IsOk());
    user = by_id("clx0seeduser000000000000c");
    ASSERT_THAT(user, IsOk());
    EXPECT_TRUE((*user)->disabled);
}

TEST_P(UserQueriesTest, ListsAndCountsUsersByEmail)
{
    ASSERT_THAT(create("bob@example.com"), IsOk());
    ASSERT_THAT(create("Alice@example.com", true), IsOk());
    insert_seed_user("clx0seeduser000000000000d", "carol@example.com");
    auto users = read<std::vector<User>>([](SqlConnection& connection) { return list_users(connection); });
    ASSERT_THAT(users, IsOk());
    ASSERT_EQ(users->size(), 3u);
    EXPECT_EQ((*users)[0].email, "Alice@example.com");
    EXPECT_TRUE((*users)[0].is_admin);
    EXPECT_EQ((*users)[1].email, "bob@example.com");
    EXPECT_EQ((*users)[2].email, "carol@example.com");
    EXPECT_EQ((*users)[2].id, "clx0seeduser000000000000d");
    auto count = read<std::int64_t>([](SqlConnection& connection) { return count_users(connection); });
    ASSERT_THAT(count, IsOk());
    EXPECT_EQ(*count, 3);
}

TEST_P(UserQueriesTest, ExactCaseWinsWhenTheSeedStoredBothCases)
{
    // The seed's unique index is case-sensitive, so its database may hold both.
    insert_seed_user("clx0seeduser00000000000e1", "Dup@example.com");
    insert_seed_user("clx0seeduser00000000000e2", "dup@example.com");
    auto lower = by_email("dup@example.com");
    ASSERT_THAT(lower, IsOk());
    EXPECT_EQ((*lower)->id, "clx0seeduser00000000000e2");
    auto upper = by_email("Dup@example.com");
    ASSERT_THAT(upper, IsOk());
    EXPECT_EQ((*upper)->id, "clx0seeduser00000000000e1");
    auto other = by_email("DUP@EXAMPLE.COM");
    ASSERT_THAT(other, IsOk());
    EXPECT_EQ((*other)->id, "clx0seeduser00000000000e1");
}

MMSGATE_ON_EVERY_BACKEND(UserQueriesTest);

}
}
