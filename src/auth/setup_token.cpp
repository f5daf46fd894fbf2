#include "auth/setup_token.hpp"

#include "config/config.hpp"
#include "core/random.hpp"
#include "core/secret.hpp"

namespace mmsgate {

namespace {

constexpr std::size_t kTokenBytes = 24; // 48 hex characters

}

void remove_setup_token(std::filesystem::path const& data_dir)
{
    std::error_code ignored; // already gone is the goal
    std::filesystem::remove(data_dir / kSetupTokenFile, ignored);
}

Result<std::string> SetupGate::open_token(std::filesystem::path const& data_dir)
{
    auto kept = read_or_create_data_file(data_dir, kSetupTokenFile, kTokenBytes * 2, random_hex(kTokenBytes));
    if (!kept)
        return std::unexpected(std::move(kept.error()));
    return kept->value;
}

void SetupGate::open(std::filesystem::path data_dir, std::string token)
{
    std::scoped_lock lock(m_mutex);
    m_data_dir = std::move(data_dir);
    m_token = std::move(token);
}

bool SetupGate::accepts(std::string_view candidate) const
{
    std::scoped_lock lock(m_mutex);
    return m_token && !m_token->empty() && constant_time_equals(*m_token, candidate);
}

void SetupGate::close()
{
    std::scoped_lock lock(m_mutex);
    if (!m_token)
        return;
    m_token.reset();
    remove_setup_token(m_data_dir);
}

}
