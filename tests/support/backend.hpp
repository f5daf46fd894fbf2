#pragma once
// The two database backends every database test runs on. The PostgreSQL half skips itself when
// the suite has no PostgreSQL server (MMSGATE_TEST_POSTGRES_URL unset: see postgres_server.hpp).
#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace mmsgate::testing {

enum class Backend { Sqlite, Postgres };

[[nodiscard]] inline std::string to_string(Backend backend) { return backend == Backend::Sqlite ? "Sqlite" : "Postgres"; }

inline void PrintTo(Backend backend, std::ostream* out) { *out << to_string(backend); }

[[nodiscard]] inline std::string backend_name(::testing::TestParamInfo<Backend> const& info) { return to_string(info.param); }

}

#define MMSGATE_ON_EVERY_BACKEND(Suite)                                                                              \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                                        \
        ::testing::Values(::mmsgate::testing::Backend::Sqlite, ::mmsgate::testing::Backend::Postgres),               \
        ::mmsgate::testing::backend_name)

// Suites about PostgreSQL itself (outages, several instances on one database).
#define MMSGATE_ON_POSTGRES_ONLY(Suite)                                                                              \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values(::mmsgate::testing::Backend::Postgres),             \
        ::mmsgate::testing::backend_name)
