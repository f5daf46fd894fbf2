#include "web_assets/web_assets.hpp"

namespace mmsgate {

std::optional<EmbeddedAsset> find_embedded_asset(std::string_view path)
{
    for (auto const& asset : embedded_assets()) {
        if (asset.path == path)
            return asset;
    }
    return std::nullopt;
}

}
