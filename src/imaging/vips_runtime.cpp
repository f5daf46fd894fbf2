#include "imaging/vips_runtime.hpp"

#include <vips/vips.h>

#include <mutex>

namespace mmsgate {

ImageResult<void> start_vips()
{
    static std::once_flag once;
    static bool started = false;
    std::call_once(once, [] {
        if (VIPS_INIT("mmsgate") != 0)
            return;
        vips_block_untrusted_set(TRUE);
        vips_operation_block_set("VipsForeignLoad", TRUE);
        vips_operation_block_set("VipsForeignLoadJpeg", FALSE);
        vips_operation_block_set("VipsForeignLoadPng", FALSE);
        vips_operation_block_set("VipsForeignLoadNsgif", FALSE);
        vips_cache_set_max(0);
        vips_cache_set_max_mem(0);
        vips_cache_set_max_files(0);
        // The fitting pool already runs one job per core; libvips' own threads would compete.
        vips_concurrency_set(1);
        started = true;
    });
    if (!started)
        return std::unexpected(ImageRefusal { ImageRefusalKind::Internal, "libvips could not start" });
    return {};
}

}
