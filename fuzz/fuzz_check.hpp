#pragma once
// What every fuzz target shares: a failed property aborts, so libFuzzer reports it as a crash with
// the input that broke it; and logging goes to a sink that formats every line but prints none.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace mmsgate::fuzz {

inline void check(bool holds, char const* property)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz property broken: %s\n", property);
        std::abort();
    }
}

inline void silence_logging()
{
    auto logger = std::make_shared<spdlog::logger>("fuzz", std::make_shared<spdlog::sinks::null_sink_mt>());
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(std::move(logger));
}

}
