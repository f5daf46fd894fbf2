#pragma once
// A PlivoSimulator on a clock the test moves, and shorthands for the requests the tests send it.
#include "core/encoding.hpp"
#include "plivo/simulator/simulator.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace mmsgate::testing {

inline constexpr char kAuthId[] = "MAXXXXXXXXXXXXXXXXXX";
inline constexpr char kAuthToken[] = "simulator-token";
inline constexpr Millis kStart = 1767323045000; // 2026-01-02 03:04:05 UTC

class SimulatorTest : public ::testing::Test {
protected:
    SimulatorTest()
        : m_now(std::make_shared<Millis>(kStart))
        , m_simulator({ kAuthId, kAuthToken, "https://media.plivo.com", [now = m_now] { return *now; } })
    {
    }

    static std::string basic(std::string const& id, std::string const& token)
    {
        return "Basic " + base64_encode(id + ":" + token);
    }

    SimulatorResponse api(std::string method, std::string const& resource, std::string body = {},
        std::string authorization = basic(kAuthId, kAuthToken), std::string content_type = "application/json")
    {
        SimulatorRequest request { std::move(method), "/v1/Account/" + std::string(kAuthId) + "/" + resource,
            { { "Authorization", std::move(authorization) }, { "Content-Type", std::move(content_type) } },
            std::move(body) };
        return m_simulator.handle(request);
    }

    SimulatorResponse control(std::string method, std::string const& path, std::string body = {})
    {
        return m_simulator.handle({ std::move(method), path, {}, std::move(body) });
    }

    static nlohmann::json mms(std::string dst = "+14155550111")
    {
        return { { "src", "+14155550100" }, { "dst", std::move(dst) }, { "text", "hello" }, { "type", "mms" },
            { "media_urls", { "https://example.com/cat.png" } } };
    }

    SimulatorResponse send(nlohmann::json const& body) { return api("POST", "Message/", body.dump()); }

    static nlohmann::json body_of(SimulatorResponse const& response) { return nlohmann::json::parse(response.body); }

    void advance(Millis millis) { *m_now += millis; }

    std::shared_ptr<Millis> m_now;
    PlivoSimulator m_simulator;
};

}
