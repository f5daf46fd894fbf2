#include "cli/key_commands.hpp"

#include "api_keys/routes/api_key_lifecycle.hpp"
#include "auth/authenticated_user.hpp"
#include "cli/command_setup.hpp"

#include <fmt/format.h>

#include <iostream>
#include <sstream>

namespace mmsgate {

namespace {

// The CLI runs as whoever may open the database: the audit log names it "cli".
ApiKeyActor cli_actor()
{
    return { std::nullopt, "cli", "" };
}

std::vector<std::string> split_scopes(std::string const& text)
{
    std::vector<std::string> scopes;
    std::stringstream stream(text);
    for (std::string scope; std::getline(stream, scope, ',');) {
        if (!scope.empty())
            scopes.push_back(scope);
    }
    return scopes;
}

std::string time_or_dash(std::optional<Millis> millis)
{
    return millis ? format_iso8601(*millis) : "-";
}

}

int key_create_command(KeyCommandOptions const& options)
{
    auto setup = open_for_command(options.email);
    if (!setup)
        return setup.error();
    if (setup->user.disabled) {
        std::cerr << options.email << " is disabled: enable the account first\n";
        return 1;
    }
    ApiKeyRequest request { setup->user.id, authenticated_user_of(setup->user).role, options.name,
        split_scopes(options.scopes),
        options.expires_days > 0 ? std::optional<int>(options.expires_days) : std::nullopt };
    auto created = setup->database->write_blocking<CreatedApiKey>(
        [&](SqlConnection& connection) { return create_api_key(connection, request, cli_actor(), now_millis()); });
    if (!created)
        return report_failure(created.error());
    std::cerr << fmt::format("Created API key {} ({}) for {}, scopes {}, expires {}.\n"
                             "This is the only time the key is shown: store it now.\n",
        created->record.id, created->record.prefix, options.email, fmt::join(created->record.scopes, ","),
        time_or_dash(created->record.expires_at));
    // Alone on standard output, so that KEY=$(mmsgate key create …) captures the key only.
    std::cout << created->key << "\n";
    return 0;
}

int key_list_command()
{
    auto setup = open_for_command();
    if (!setup)
        return setup.error();
    auto keys = setup->database->read_blocking<std::vector<ApiKeyRecord>>(
        [](SqlConnection& connection) { return list_api_keys(connection, std::nullopt); });
    if (!keys)
        return report_failure(keys.error());
    std::cout << fmt::format("{:<26} {:<14} {:<20} {:<28} {:<40} {:<25} {:<25} {}\n", "ID", "PREFIX", "NAME", "OWNER", "SCOPES",
        "EXPIRES", "LAST USED", "STATUS");
    auto now = now_millis();
    for (auto const& key : *keys) {
        auto status = key.revoked_at ? "revoked" : key.expires_at && *key.expires_at <= now ? "expired" : "active";
        std::cout << fmt::format("{:<26} {:<14} {:<20} {:<28} {:<40} {:<25} {:<25} {}\n", key.id, key.prefix, key.name,
            key.owner_email.empty() ? key.owner_id : key.owner_email, fmt::join(key.scopes, ","), time_or_dash(key.expires_at),
            key.last_used_at ? time_or_dash(key.last_used_at) + " " + key.last_used_address.value_or("") : "-", status);
    }
    return 0;
}

int key_revoke_command(KeyCommandOptions const& options)
{
    auto setup = open_for_command();
    if (!setup)
        return setup.error();
    auto revoked = setup->database->write_blocking<ApiKeyRecord>(
        [&](SqlConnection& connection) { return revoke_api_key_audited(connection, options.id, cli_actor(), now_millis()); });
    if (!revoked)
        return report_failure(revoked.error());
    std::cout << "API key " << revoked->prefix << " (" << revoked->name << ") is revoked; it stops working at once\n";
    return 0;
}

}
