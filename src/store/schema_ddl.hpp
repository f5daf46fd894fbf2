#pragma once
// The DDL text of the migrations. Internal to src/store.
#include "store/sql_connection.hpp"

#include <span>
#include <string>
#include <string_view>

namespace mmsgate::schema {

// One of the seed's Prisma tables: created with its indexes and foreign keys when missing.
struct PrismaTable {
    std::string_view name;
    std::string_view sqlite;
    std::string_view postgres;
};

// In creation order ("User" first: the others refer to it).
[[nodiscard]] std::span<PrismaTable const> prisma_tables();

[[nodiscard]] std::string_view migrations_table();
[[nodiscard]] std::string_view mmsgate_tables();
[[nodiscard]] std::string_view early_reports_table();
[[nodiscard]] std::string_view instances_table();
[[nodiscard]] std::string_view message_request_state_index();
[[nodiscard]] std::string_view signature_nonces_table();
// Migration 7 (two-way messaging); the backfill of conversations is done in migrations.cpp.
[[nodiscard]] std::string two_way_tables(bool postgres);
[[nodiscard]] std::string_view webhook_tables();
// Migration 10: the audit log (issue 17).
[[nodiscard]] std::string_view audit_log_table();

// Migration 15: uploads (issue 18) and the index on mmsgate_media.sha256.
[[nodiscard]] std::string_view uploads_tables();

}
