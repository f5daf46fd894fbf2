#pragma once
// The schema, as numbered migrations recorded in mmsgate_schema_migrations. Each one runs in its
// own transaction; on PostgreSQL under an advisory lock, so that instances starting together apply
// each migration once. Migration 1 creates the seed's Prisma tables only where they are missing (a
// database made by the seed's `prisma migrate` is adopted untouched); later ones add mmsgate's own.
#include "store/sql_connection.hpp"

#include <span>
#include <string_view>
#include <variant>

namespace mmsgate {

struct Migration {
    using Script = std::string_view;
    using Function = Result<void> (*)(SqlConnection& connection);
    int version;
    std::string_view name;
    // What it runs: a DDL script, or a function for what a script cannot do (a backfill).
    std::variant<Script, Function> step;
};

// Every migration in order.
[[nodiscard]] std::span<Migration const> migrations();

// Applies the pending migrations and logs how many; returns that count (0 on an up-to-date
// database). The connection must not be inside a transaction.
[[nodiscard]] Result<int> apply_migrations(SqlConnection& connection);

}
