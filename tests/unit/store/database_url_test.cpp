#include "store/database_url.hpp"

#include "support/matchers.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

using testing::HasError;
using testing::IsOk;

TEST(DatabaseUrl, PostgresUrlsGoToLibpqUnchanged)
{
    for (std::string url : { "postgresql://user:secret@db.example:5432/mmsgate?sslmode=verify-full&sslrootcert=/ca.pem",
             "postgres://localhost/mmsgate" }) {
        auto location = parse_database_url(url);
        ASSERT_THAT(location, IsOk());
        EXPECT_EQ(location->dialect, Dialect::Postgres);
        EXPECT_EQ(location->target, url);
    }
}

TEST(DatabaseUrl, SqliteFormsGiveThePath)
{
    struct Case {
        std::string_view url;
        std::string_view path;
    };
    for (auto [url, path] : { Case { "sqlite:data/mmsgate.db", "data/mmsgate.db" },
             Case { "sqlite:///var/lib/mmsgate/db.sqlite", "/var/lib/mmsgate/db.sqlite" },
             Case { "sqlite://data/x.db", "data/x.db" }, Case { "file:/tmp/a.db", "/tmp/a.db" },
             Case { "file:///tmp/a.db", "/tmp/a.db" }, Case { "./dev.db", "./dev.db" },
             Case { "/srv/mmsgate/mmsgate.db", "/srv/mmsgate/mmsgate.db" } }) {
        auto location = parse_database_url(url);
        ASSERT_THAT(location, IsOk()) << url;
        EXPECT_EQ(location->dialect, Dialect::Sqlite) << url;
        EXPECT_EQ(location->target, path) << url;
    }
}

TEST(DatabaseUrl, RejectsWhatItCannotOpen)
{
    for (std::string_view url : { "", "mysql://localhost/db", "sqlite:", ":memory:", "sqlite::memory:",
             "file::memory:?cache=shared", "file:x.db?mode=memory" }) {
        auto location = parse_database_url(url);
        EXPECT_THAT(location, HasError(ErrorCode::InvalidArgument)) << url;
        if (!location) {
            EXPECT_EQ(location.error().field, "DATABASE_URL");
        }
    }
}

}
}
