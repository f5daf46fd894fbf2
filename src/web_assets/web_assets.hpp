#pragma once
// The web UI (web/dist), compiled into the binary at build time.
#include <optional>
#include <span>
#include <string_view>

namespace mmsgate {

struct EmbeddedAsset {
    std::string_view path; // "/index.html", "/assets/index-3f2a1b.js"
    std::string_view data;
    std::string_view gzip_data; // empty when no .gz was built
};

[[nodiscard]] std::span<EmbeddedAsset const> embedded_assets();
[[nodiscard]] std::optional<EmbeddedAsset> find_embedded_asset(std::string_view path);

}
