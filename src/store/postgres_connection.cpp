#include "store/postgres_connection.hpp"

#include "core/names.hpp"

#include <cerrno>
#include <charconv>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

// The client waits this much longer than statement_timeout before it decides the server is gone.
constexpr std::chrono::milliseconds kDeadlineGrace { 5000 };
// Without statement_timeout, the client still does not wait forever.
constexpr std::chrono::milliseconds kLongestWait { 600000 };

// Type oids from PostgreSQL's pg_type.dat; they are fixed for built-in types.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

std::string shorten(std::string_view sql)
{
    constexpr std::size_t kLimit = 200;
    return sql.size() <= kLimit ? std::string(sql) : fmt::format("{}…", sql.substr(0, kLimit));
}

std::string trimmed(char const* message)
{
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

ErrorCode code_for_sqlstate(std::string_view state)
{
    if (state == "23505")
        return ErrorCode::AlreadyExists;
    if (state == "57014")
        return ErrorCode::DeadlineExceeded;
    // A protocol violation is a client bug (a parameter count that does not match the statement).
    if (state == "08P01")
        return ErrorCode::Internal;
    // Connection exceptions (08), server shutdown and start-up (57P0x), insufficient resources
    // (53), lock timeouts, serialization failures and deadlocks: trying again later may work.
    if (state.starts_with("08") || state.starts_with("57P") || state.starts_with("53") || state == "55P03"
        || state == "40001" || state == "40P01" || state == "25P03")
        return ErrorCode::Unavailable;
    return ErrorCode::Internal;
}

constexpr NameTable<ErrorCode, 3> kMessages { {
    { ErrorCode::AlreadyExists, "already exists" },
    { ErrorCode::DeadlineExceeded, "the database did not answer in time" },
    { ErrorCode::Unavailable, "the database is unavailable" },
} };

// What a client may see of a database failure; the literals keep data() NUL-terminated.
char const* message_for(ErrorCode code) { return name_in(kMessages, code, "database error").data(); }

void log_notice(void*, char const* message)
{
    spdlog::debug("postgresql: {}", trimmed(message));
}

// The server formats numbers itself, so they always parse; the text stays as it is otherwise.
template <class Number>
SqlValue parsed_or_text(std::string text)
{
    Number number {};
    auto const* end = text.data() + text.size();
    auto [rest, error] = std::from_chars(text.data(), end, number);
    if (error == std::errc {} && rest == end)
        return number;
    return text;
}

SqlValue column_value(PGresult const* result, int row, int column)
{
    if (PQgetisnull(result, row, column))
        return nullptr;
    std::string text(PQgetvalue(result, row, column), static_cast<std::size_t>(PQgetlength(result, row, column)));
    switch (PQftype(result, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
        return parsed_or_text<std::int64_t>(std::move(text));
    case kBoolOid:
        return static_cast<std::int64_t>(text == "t" ? 1 : 0);
    case kFloat4Oid:
    case kFloat8Oid:
        return parsed_or_text<double>(std::move(text));
    default:
        return text;
    }
}

// PQcmdTuples also counts the rows a SELECT returned; only changed rows count here.
std::int64_t affected_rows(PGresult const* result)
{
    auto* mutable_result = const_cast<PGresult*>(result);
    std::string_view tag = PQcmdStatus(mutable_result);
    if (!tag.starts_with("INSERT") && !tag.starts_with("UPDATE") && !tag.starts_with("DELETE") && !tag.starts_with("MERGE"))
        return 0;
    std::string_view count = PQcmdTuples(mutable_result);
    std::int64_t affected = 0;
    if (std::from_chars(count.data(), count.data() + count.size(), affected).ec != std::errc {})
        return 0;
    return affected;
}

class PostgresConnectionImpl final : public PostgresConnection {
public:
    PostgresConnectionImpl(PGconn* connection, PostgresOptions const& options)
        : m_connection(connection)
        , m_wait_limit(options.statement_timeout.count() > 0 ? options.statement_timeout + kDeadlineGrace : kLongestWait)
    {
        PQsetNoticeProcessor(m_connection, &log_notice, nullptr);
    }

    ~PostgresConnectionImpl() override { PQfinish(m_connection); }

    PostgresConnectionImpl(PostgresConnectionImpl const&) = delete;
    PostgresConnectionImpl& operator=(PostgresConnectionImpl const&) = delete;

    Result<SqlResult> execute(std::string_view sql, SqlParams const& params) override
    {
        if (!m_healthy)
            return lost(sql);
        // Every parameter travels as text; PostgreSQL infers each one's type from the statement.
        std::vector<std::string> texts(params.size());
        std::vector<char const*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (std::holds_alternative<std::nullptr_t>(params[i]))
                continue;
            if (auto const* text = std::get_if<std::string>(&params[i]))
                texts[i] = *text;
            else if (auto const* integer = std::get_if<std::int64_t>(&params[i]))
                texts[i] = fmt::format("{}", *integer);
            else
                texts[i] = fmt::format("{}", std::get<double>(params[i]));
            values[i] = texts[i].c_str();
        }
        std::string statement(sql);
        if (!PQsendQueryParams(m_connection, statement.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                nullptr, nullptr, 0))
            return send_failed(sql);
        return collect(sql);
    }

    Result<void> execute_script(std::string_view sql) override
    {
        if (!m_healthy)
            return lost(sql);
        std::string script(sql);
        if (!PQsendQuery(m_connection, script.c_str()))
            return send_failed(sql);
        auto result = collect(sql);
        if (!result)
            return std::unexpected(std::move(result.error()));
        return {};
    }

    bool healthy() const override { return m_healthy; }

    bool in_transaction() const override
    {
        auto status = PQtransactionStatus(m_connection);
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
    }

    bool transaction_failed() const override { return PQtransactionStatus(m_connection) == PQTRANS_INERROR; }

    bool check_alive() override
    {
        if (!m_healthy)
            return false;
        if (PQstatus(m_connection) != CONNECTION_OK || !PQconsumeInput(m_connection)
            || PQstatus(m_connection) != CONNECTION_OK)
            m_healthy = false;
        return m_healthy;
    }

private:
    std::unexpected<Error> lost(std::string_view sql)
    {
        m_healthy = false;
        return fail(ErrorCode::Unavailable, message_for(ErrorCode::Unavailable),
            fmt::format("postgresql connection lost: {}; statement: {}", trimmed(PQerrorMessage(m_connection)),
                shorten(sql)));
    }

    std::unexpected<Error> send_failed(std::string_view sql)
    {
        if (PQstatus(m_connection) != CONNECTION_OK)
            return lost(sql);
        return fail(ErrorCode::Internal, message_for(ErrorCode::Internal),
            fmt::format("postgresql: {}; statement: {}", trimmed(PQerrorMessage(m_connection)), shorten(sql)));
    }

    // Waits for every result of the statement (a script has one per statement) with poll(), so
    // that the wait has a deadline even when the server stops answering. The first error wins.
    Result<SqlResult> collect(std::string_view sql)
    {
        auto deadline = std::chrono::steady_clock::now() + m_wait_limit;
        SqlResult collected;
        std::optional<Error> first_error;
        while (true) {
            if (!PQconsumeInput(m_connection))
                return lost(sql);
            while (!PQisBusy(m_connection)) {
                PGresult* result = PQgetResult(m_connection);
                if (result == nullptr) {
                    if (PQstatus(m_connection) != CONNECTION_OK)
                        return lost(sql);
                    if (first_error)
                        return std::unexpected(std::move(*first_error));
                    return collected;
                }
                auto error = take_result(result, sql, collected);
                PQclear(result);
                if (error && !first_error)
                    first_error = std::move(error);
            }
            auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (remaining.count() <= 0) {
                // The server did not answer at all, not even with statement_timeout's cancel: the
                // connection cannot be trusted any more (an answer may still arrive on it).
                m_healthy = false;
                return fail(ErrorCode::DeadlineExceeded, message_for(ErrorCode::DeadlineExceeded),
                    fmt::format("postgresql did not answer within {} ms; statement: {}", m_wait_limit.count(), shorten(sql)));
            }
            pollfd descriptor { PQsocket(m_connection), POLLIN, 0 };
            if (descriptor.fd < 0)
                return lost(sql);
            if (poll(&descriptor, 1, static_cast<int>(remaining.count())) < 0 && errno != EINTR)
                return lost(sql);
        }
    }

    std::optional<Error> take_result(PGresult const* result, std::string_view sql, SqlResult& collected)
    {
        switch (PQresultStatus(result)) {
        case PGRES_TUPLES_OK:
        case PGRES_SINGLE_TUPLE:
        case PGRES_COMMAND_OK: {
            int rows = PQntuples(result);
            int columns = PQnfields(result);
            for (int row = 0; row < rows; ++row) {
                std::vector<SqlValue> values;
                values.reserve(static_cast<std::size_t>(columns));
                for (int column = 0; column < columns; ++column)
                    values.push_back(column_value(result, row, column));
                collected.rows.emplace_back(std::move(values));
            }
            collected.affected_rows = affected_rows(result);
            return std::nullopt;
        }
        case PGRES_EMPTY_QUERY:
            return std::nullopt;
        case PGRES_FATAL_ERROR:
        case PGRES_NONFATAL_ERROR: {
            char const* state_field = PQresultErrorField(result, PG_DIAG_SQLSTATE);
            std::string state = state_field ? state_field : "";
            auto code = code_for_sqlstate(state);
            if (PQstatus(m_connection) != CONNECTION_OK) {
                m_healthy = false;
                code = ErrorCode::Unavailable;
            }
            return Error { code, message_for(code),
                fmt::format("postgresql error {}: {}; statement: {}", state, trimmed(PQresultErrorMessage(result)),
                    shorten(sql)) };
        }
        default:
            return Error { ErrorCode::Internal, message_for(ErrorCode::Internal),
                fmt::format("postgresql: unexpected result {}; statement: {}", PQresStatus(PQresultStatus(result)),
                    shorten(sql)) };
        }
    }

    PGconn* m_connection;
    std::chrono::milliseconds m_wait_limit;
    bool m_healthy = true;
};

}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(PostgresOptions const& options)
{
    auto connect_seconds = std::to_string(std::max<long long>(
        1, std::chrono::ceil<std::chrono::seconds>(options.connect_timeout).count()));
    // Keywords before dbname are defaults: the expanded URL overrides them (libpq processes the
    // arrays in order and the last value wins).
    char const* keywords[] = { "connect_timeout", "keepalives_idle", "keepalives_interval", "keepalives_count",
        "fallback_application_name", "dbname", nullptr };
    char const* values[] = { connect_seconds.c_str(), "30", "10", "3", "mmsgate", options.url.c_str(), nullptr };
    PGconn* handle = PQconnectdbParams(keywords, values, 1);
    if (handle == nullptr)
        return fail(ErrorCode::Unavailable, message_for(ErrorCode::Unavailable), "libpq could not allocate a connection");
    if (PQstatus(handle) != CONNECTION_OK) {
        // libpq's message names the host and the reason, never the password.
        auto detail = fmt::format("cannot connect to postgresql: {}", trimmed(PQerrorMessage(handle)));
        PQfinish(handle);
        return fail(ErrorCode::Unavailable, message_for(ErrorCode::Unavailable), std::move(detail));
    }
    auto connection = std::make_unique<PostgresConnectionImpl>(handle, options);
    auto setup = fmt::format("SET statement_timeout = {}", options.statement_timeout.count());
    if (auto applied = connection->execute_script(setup); !applied)
        return std::unexpected(std::move(applied.error()));
    return std::unique_ptr<PostgresConnection>(std::move(connection));
}

}
