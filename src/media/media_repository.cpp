#include "media/media_repository.hpp"

#include "core/digest.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "media/media_type.hpp"
#include "store/row_reader.hpp"

namespace mmsgate {

Result<InsertedMedia> insert_media(SqlConnection& connection, std::string data, std::string origin, Millis now)
{
    auto digest = hex_encode(sha256(data));
    auto same = select_first(connection,
        "SELECT id, content_type, width, height, origin, created_at FROM mmsgate_media "
        "WHERE sha256 = $1 AND size_bytes = $2 ORDER BY created_at LIMIT 1",
        { digest, std::int64_t(data.size()) }, [](RowReader& next) {
            MediaRecord media;
            next(media.id, media.content_type, media.width, media.height, media.origin, media.created_at);
            return media;
        });
    if (!same)
        return std::unexpected(std::move(same.error()));
    if (*same) {
        (*same)->data = std::move(data);
        (*same)->sha256 = digest;
        return InsertedMedia { std::move(**same), true };
    }
    auto sniffed = sniff_media(data);
    MediaRecord media { new_cuid(), sniffed.content_type, std::move(data), std::move(digest), sniffed.width, sniffed.height,
        std::move(origin), now };
    // Parameters travel as text: PostgreSQL gets the bytes in base64 (a NUL cannot be in text),
    // SQLite keeps them exactly as bound and the cast stores them as a BLOB.
    bool postgres = connection.dialect() == Dialect::Postgres;
    auto inserted = connection.execute(
        std::string("INSERT INTO mmsgate_media (id, content_type, size_bytes, sha256, data, width, height, origin, created_at) "
                    "VALUES ($1, $2, $3, $4, ")
            + (postgres ? "decode($5, 'base64')" : "CAST($5 AS BLOB)") + ", $6, $7, $8, $9)",
        { media.id, media.content_type, std::int64_t(media.data.size()), media.sha256,
            postgres ? base64_encode(media.data) : media.data, sql_value(media.width), sql_value(media.height),
            media.origin, now });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    return InsertedMedia { std::move(media), false };
}

Result<std::int64_t> total_media_bytes(SqlConnection& connection)
{
    return select_integer(connection, "SELECT COALESCE(SUM(size_bytes), 0) FROM mmsgate_media");
}

Result<std::optional<MediaRecord>> find_media(SqlConnection& connection, std::string const& id)
{
    bool postgres = connection.dialect() == Dialect::Postgres;
    auto found = select_first(connection,
        std::string("SELECT id, content_type, ") + (postgres ? "encode(data, 'base64')" : "data")
            + ", sha256, width, height, origin, created_at FROM mmsgate_media WHERE id = $1",
        { id }, [](RowReader& next) {
            MediaRecord media;
            next(media.id, media.content_type, media.data, media.sha256, media.width, media.height, media.origin, media.created_at);
            return media;
        });
    if (!found || !*found)
        return found;
    auto media = std::move(**found);
    if (postgres) {
        // PostgreSQL's base64 breaks lines every 76 characters.
        std::string compact;
        for (char character : media.data) {
            if (character != '\n')
                compact += character;
        }
        auto decoded = base64_decode(compact);
        if (!decoded)
            return fail(ErrorCode::Internal, "stored media could not be read");
        media.data = std::move(*decoded);
    }
    return std::optional(std::move(media));
}

}
