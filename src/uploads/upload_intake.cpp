#include "uploads/upload_intake.hpp"

#include "auth/password_work.hpp"
#include "core/ids.hpp"
#include "imaging/image_check.hpp"
#include "imaging/image_fit.hpp"
#include "media/media_repository.hpp"
#include "media/upload_repository.hpp"

#include <fmt/format.h>

#include <functional>

namespace mmsgate {

namespace {

constexpr std::size_t kMaxFileNameLength = 200;

// Shown back and stored: printable, short, no path.
std::string clean_file_name(std::string const& name)
{
    auto base = name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
    std::string clean;
    for (char c : base) {
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F)
            clean += c;
    }
    if (clean.size() > kMaxFileNameLength)
        clean.resize(kMaxFileNameLength);
    return clean.empty() ? "upload" : clean;
}

Error refusal_of(ImageRefusal const& refusal)
{
    auto code = ErrorCode::InvalidArgument;
    switch (refusal.kind) {
    case ImageRefusalKind::Invalid: code = ErrorCode::InvalidArgument; break;
    case ImageRefusalKind::UnsupportedType: code = ErrorCode::UnsupportedMediaType; break;
    case ImageRefusalKind::TooLarge: code = ErrorCode::PayloadTooLarge; break;
    case ImageRefusalKind::Internal: code = ErrorCode::Internal; break;
    }
    return Error { code, refusal.message, refusal.detail, "file" };
}

nlohmann::json answer_of(UploadRecord const& upload)
{
    return { { "id", upload.id }, { "filename", upload.original_name }, { "content_type", upload.content_type },
        { "original_bytes", upload.original_bytes }, { "bytes", upload.bytes }, { "width", upload.width }, { "height", upload.height },
        { "fitted", upload.fitted }, { "animated", upload.animated }, { "warnings", upload.warnings },
        { "url", "/api/media/" + upload.media_id } };
}

}

Awaitable<Result<nlohmann::json>> take_upload(
    Database& database, UploadSettings const& settings, std::string owner_id, IncomingFile file)
{
    if (file.bytes.size() > settings.max_upload_bytes)
        co_return std::unexpected(Error { ErrorCode::PayloadTooLarge,
            fmt::format("The file is {} MB; at most {} MB can be uploaded", (file.bytes.size() + 524288) / 1048576,
                settings.max_upload_bytes / 1048576),
            {}, "file" });
    auto header = check_image(file.bytes, file.file_name, file.declared_type, settings.max_pixels);
    if (!header)
        co_return std::unexpected(refusal_of(header.error()));

    FitSettings fit_settings { settings.target_bytes, settings.max_dimension, settings.max_pixels };
    ImageResult<FittedImage> fitted = std::unexpected(ImageRefusal { ImageRefusalKind::Internal, "The image could not be fitted" });
    // Named, not written inside the co_await: g++ 12 copies such closures bitwise (see database.hpp).
    std::function<void()> fit = [&] { fitted = fit_image(file.bytes, *header, fit_settings); };
    auto ran = co_await run_password_work(std::move(fit));
    if (!ran)
        co_return std::unexpected(Error { ErrorCode::Internal, "The image could not be fitted", ran.error().detail, "file" });
    if (!fitted)
        co_return std::unexpected(refusal_of(fitted.error()));

    UploadRecord upload;
    upload.id = new_cuid();
    upload.owner_id = std::move(owner_id);
    upload.original_name = clean_file_name(file.file_name);
    upload.original_content_type = header->content_type;
    upload.original_bytes = std::int64_t(file.bytes.size());
    upload.width = fitted->width;
    upload.height = fitted->height;
    upload.animated = fitted->animated;
    upload.fitted = fitted->fitted;
    upload.warnings = fitted->warnings;
    upload.content_type = fitted->content_type;
    upload.bytes = std::int64_t(fitted->data.size());
    auto now = now_millis();
    upload.created_at = now;
    auto stored = co_await database.write<void>([&](SqlConnection& connection) -> Result<void> {
        auto media = insert_media(connection, fitted->data, file.origin, now);
        if (!media)
            return std::unexpected(std::move(media.error()));
        upload.media_id = media->media.id;
        return insert_upload(connection, upload);
    });
    if (!stored)
        co_return std::unexpected(Error { ErrorCode::Unavailable, "The upload could not be stored; try again", stored.error().message, "file" });
    co_return answer_of(upload);
}

}
