#include "auth/auth_routes.hpp"

#include "audit/audit_log.hpp"
#include "auth/callback_url.hpp"
#include "auth/csrf.hpp"
#include "auth/login_throttle.hpp"
#include "auth/password_work.hpp"
#include "auth/session_claims.hpp"
#include "auth/session_cookie.hpp"
#include "core/encoding.hpp"
#include "http/response.hpp"
#include "http/same_origin.hpp"
#include "store/user_queries.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>

namespace mmsgate {

namespace {

constexpr std::size_t kMinimumPasswordLength = 8;
// RFC 5321's limit for a forward path, what setup accepts.
constexpr std::size_t kMaxEmailLength = 254;

class AuthHandlers {
public:
    explicit AuthHandlers(AuthRouteDependencies dependencies)
        : m(std::move(dependencies))
        , m_base(m.config.auth_base_path)
    {
    }

    // Every /api/auth response carries a CSRF cookie when the request did not hold a valid one.
    struct Exchange {
        RequestCookies cookies;
        std::string csrf_token;
        std::string origin;
        std::vector<SetCookie> set_cookies;
        FormFields body;
    };

    Exchange begin(Request const& request)
    {
        Exchange exchange;
        exchange.origin = origin_of(request);
        exchange.cookies = request_cookies(request);
        auto cookie = find_cookie(exchange.cookies, names().csrf_token);
        auto verified = cookie ? verified_csrf_token(*cookie, m.config.nextauth_secret) : std::nullopt;
        if (verified) {
            exchange.csrf_token = *verified;
        } else {
            auto minted = mint_csrf(m.config.nextauth_secret);
            exchange.csrf_token = minted.token;
            exchange.set_cookies.push_back({ names().csrf_token, minted.cookie_value, attributes() });
        }
        if (request.message.method() == http::verb::post)
            exchange.body = parse_body(request);
        return exchange;
    }

    Response finish(Exchange& exchange, Response response)
    {
        for (auto const& cookie : exchange.set_cookies)
            response.insert(http::field::set_cookie, cookie.header_value());
        return response;
    }

    bool csrf_ok(Exchange const& exchange)
    {
        auto sent = form_value(exchange.body, "csrfToken");
        return sent && csrf_matches(exchange.csrf_token, *sent);
    }

    Awaitable<Response> csrf(Request& request)
    {
        auto exchange = begin(request);
        auto response = json_response(http::status::ok, { { "csrfToken", exchange.csrf_token } });
        set_no_store(response);
        co_return finish(exchange, std::move(response));
    }

    Awaitable<Response> providers(Request& request)
    {
        auto exchange = begin(request);
        auto base = exchange.origin + m_base;
        co_return finish(exchange,
            json_response(http::status::ok,
                { { "credentials",
                    { { "id", "credentials" }, { "name", "Credentials" }, { "type", "credentials" },
                        { "signinUrl", base + "/signin/credentials" }, { "callbackUrl", base + "/callback/credentials" } } } }));
    }

    Awaitable<Response> session(Request& request)
    {
        auto exchange = begin(request);
        bool is_update = request.message.method() == http::verb::post;
        if (is_update && !csrf_ok(exchange))
            co_return finish(exchange, json_response(http_status_for(ErrorCode::InvalidArgument), nlohmann::json::object()));
        auto resolved = co_await m.sessions->resolve(exchange.cookies);
        Response response;
        if (!resolved) {
            if (resolved.error().code == ErrorCode::Unavailable)
                co_return finish(exchange, error_response(resolved.error()));
            // An undecodable or void session is anonymous: clear it once.
            if (!read_session_token(exchange.cookies, names().session_token).empty()) {
                for (auto& cookie : clear_session_token(exchange.cookies, names().session_token, attributes()))
                    exchange.set_cookies.push_back(std::move(cookie));
            }
            response = json_response(http::status::ok, nlohmann::json::object());
        } else {
            // Sliding expiry: every read re-issues the token with fresh iat, exp and jti.
            auto now = now_millis();
            auto token = m.sessions->issue(*resolved->claims, now);
            for (auto& cookie : write_session_token(exchange.cookies, names().session_token, token, attributes(),
                     now + kSessionMaxAgeSeconds * 1000))
                exchange.set_cookies.push_back(std::move(cookie));
            response = text_response(http::status::ok, session_response_body(*resolved->claims, now, kSessionMaxAgeSeconds, to_string(resolved->user.role)),
                "application/json");
        }
        if (!is_update)
            set_no_store(response);
        co_return finish(exchange, std::move(response));
    }

    Awaitable<Response> callback_credentials(Request& request)
    {
        auto exchange = begin(request);
        bool wants_json = form_value(exchange.body, "json") == "true";
        if (!csrf_ok(exchange)) {
            spdlog::info("login refused: missing or wrong CSRF token id={}", request.request_id);
            co_return finish(exchange, redirect(wants_json, http::status::forbidden, exchange.origin + m_base + "/signin?csrf=true&error=MissingCSRF"));
        }
        auto email = form_value(exchange.body, "email").value_or("");
        auto password = form_value(exchange.body, "password").value_or("");
        auto failure_url = exchange.origin + m_base + "/error?error=CredentialsSignin&provider=credentials";
        auto client = request.client.to_string();
        // No account can have a longer address (setup and user add refuse them); refused before the
        // throttle so that its keys stay small whatever a client sends.
        if (email.size() > kMaxEmailLength) {
            spdlog::warn("login refused: e-mail address too long client={} id={}", client, request.request_id);
            count("failure");
            co_return finish(exchange, redirect(wants_json, http::status::bad_request, failure_url));
        }
        // Checked before any database or bcrypt work: a guesser's refused attempts cost almost nothing.
        // A let-through attempt counts as failed until it succeeds, so a burst of parallel guesses
        // cannot all pass before the first has failed.
        if (auto wait = m_throttle.reserve_attempt(email, request.client, now_millis()); wait > 0) {
            spdlog::warn("login throttled client={} retry_after={}s id={}", client, seconds_rounded_up(wait), request.request_id);
            count("throttled");
            co_return finish(exchange, too_many_attempts(exchange, seconds_rounded_up(wait), "Too many failed sign-in attempts"));
        }
        std::optional<User> user;
        if (!email.empty() && !password.empty()) {
            auto found = co_await m.database.read<std::optional<User>>(
                [&](SqlConnection& connection) { return find_user_by_email(connection, email); });
            if (!found) {
                m_throttle.cancel_attempt(email, request.client);
                co_return finish(exchange, error_response(ErrorCode::Unavailable, kDatabaseUnavailable));
            }
            user = std::move(*found);
        }
        auto hash = user && !user->disabled ? user->password_hash : std::nullopt;
        auto slowest = co_await slowest_stored_cost(hash);
        auto check = co_await check_password_off_thread(password, hash, m.config.bcrypt_cost, slowest);
        if (!check) {
            m_throttle.cancel_attempt(email, request.client);
            if (check.error().code != ErrorCode::ResourceExhausted) {
                spdlog::error("login check failed: {} client={} id={}", check.error().detail, client, request.request_id);
                co_return finish(exchange, error_response(check.error()));
            }
            spdlog::warn("login refused: password checks are saturated client={} id={}", client, request.request_id);
            count("busy");
            co_return finish(exchange, too_many_attempts(exchange, 1, "The server is busy signing people in"));
        }
        if (!check->valid || !user) {
            spdlog::warn("login failed client={} id={}", client, request.request_id);
            count("failure");
            co_await audit_sign_in(user && check->valid ? user->id : std::optional<std::string> {}, email, client, false);
            co_return finish(exchange, redirect(wants_json, http::status::unauthorized, failure_url));
        }
        m_throttle.record_success(email, request.client, now_millis());
        if (check->needs_rehash)
            co_await rehash(*user, password);
        auto now = now_millis();
        auto claims = session_claims_for({ user->id, user->name, user->email, user->image });
        auto token = m.sessions->issue(std::move(claims), now);
        for (auto& cookie : write_session_token(exchange.cookies, names().session_token, token, attributes(),
                 now + kSessionMaxAgeSeconds * 1000))
            exchange.set_cookies.push_back(std::move(cookie));
        auto target = callback_target(exchange);
        spdlog::info("user {} logged in client={} id={}", user->id, client, request.request_id);
        count("success");
        co_await audit_sign_in(user->id, user->email.value_or(email), client, true);
        co_return finish(exchange, redirect(wants_json, http::status::ok, target));
    }

    Awaitable<Response> signout(Request& request)
    {
        auto exchange = begin(request);
        bool wants_json = form_value(exchange.body, "json") == "true";
        if (!csrf_ok(exchange))
            co_return finish(exchange, redirect(wants_json, http::status::forbidden, exchange.origin + m_base + "/signout?csrf=true&error=MissingCSRF"));
        for (auto& cookie : clear_session_token(exchange.cookies, names().session_token, attributes()))
            exchange.set_cookies.push_back(std::move(cookie));
        co_return finish(exchange, redirect(wants_json, http::status::ok, callback_target(exchange)));
    }

    Awaitable<Response> signin_page(Request& request)
    {
        auto exchange = begin(request);
        // The seed sets pages.signIn = '/login': NextAuth redirects there (relative) with callbackUrl.
        auto callback = request.query_value("callbackUrl").value_or(exchange.origin);
        std::string location = "/login?callbackUrl=" + url_encode_component(resolve_callback_url(callback, exchange.origin));
        if (auto error = request.query_value("error"))
            location += "&error=" + url_encode_component(*error);
        co_return finish(exchange, redirect_response(location));
    }

    Awaitable<Response> signin_provider(Request& request)
    {
        auto exchange = begin(request);
        bool wants_json = form_value(exchange.body, "json") == "true";
        if (!csrf_ok(exchange))
            co_return finish(exchange, redirect(wants_json, http::status::forbidden, exchange.origin + m_base + "/signin?csrf=true&error=MissingCSRF"));
        co_return finish(exchange, redirect(wants_json, http::status::ok, exchange.origin + m_base + "/signin"));
    }

    Awaitable<Response> signout_page(Request& request)
    {
        auto exchange = begin(request);
        co_return finish(exchange, redirect_response("/login"));
    }

    Awaitable<Response> error_page(Request& request)
    {
        auto exchange = begin(request);
        auto error = request.query_value("error").value_or("Default");
        co_return finish(exchange, redirect_response(exchange.origin + m_base + "/signin?error=" + url_encode_component(error)));
    }

    Awaitable<Response> log(Request&)
    {
        Response response { http::status::ok, 11 };
        response.prepare_payload();
        co_return response;
    }

    Awaitable<Response> setup(Request& request)
    {
        if (is_cross_site_request(request, m.config.nextauth_url))
            co_return error_response(ErrorCode::PermissionDenied, kCrossSiteRefused);
        if (!request.header(http::field::content_type).starts_with("application/json"))
            co_return error_response(ErrorCode::UnsupportedMediaType, "Content-Type must be application/json");
        auto body = nlohmann::json::parse(request.message.body(), nullptr, false);
        if (!body.is_object())
            co_return error_response(ErrorCode::InvalidArgument, "Invalid request body");
        auto text = [&](char const* name) {
            return body.contains(name) && body[name].is_string() ? body[name].get<std::string>() : std::string();
        };
        auto email = text("email");
        auto password = text("password");
        auto name = text("name");
        auto users = co_await m.database.read<std::int64_t>([](SqlConnection& connection) { return count_users(connection); });
        if (!users)
            co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
        if (*users > 0)
            co_return error_response(ErrorCode::AlreadyExists, "Setup is already done: sign in instead");
        if (!m.setup_gate || !m.setup_gate->accepts(text("token"))) {
            spdlog::warn("first-run setup refused: missing or wrong setup token client={} id={}", request.client.to_string(),
                request.request_id);
            co_return error_response(ErrorCode::PermissionDenied,
                "This setup link is not valid: open the setup link printed by the server (it carries the setup token)", "token");
        }
        if (email.find('@') == std::string::npos || email.size() > kMaxEmailLength)
            co_return error_response(ErrorCode::InvalidArgument, "Enter a valid e-mail address", "email");
        if (password.size() < kMinimumPasswordLength)
            co_return error_response(ErrorCode::InvalidArgument, "The password must have at least 8 characters", "password");
        auto hash = co_await hash_password_off_thread(password, m.config.bcrypt_cost);
        if (!hash)
            co_return error_response(hash.error());
        NewUser user { email, name.empty() ? std::nullopt : std::optional(name), *hash, true, "admin" };
        auto created = co_await m.database.write<User>([&](SqlConnection& connection) -> Result<User> {
            // Checked again inside the transaction: two first-run requests must not both succeed.
            auto count = count_users(connection);
            if (!count)
                return std::unexpected(std::move(count.error()));
            if (*count > 0)
                return fail(ErrorCode::AlreadyExists, "Setup is already done: sign in instead");
            return create_user(connection, user, now_millis());
        });
        if (!created)
            co_return error_response(created.error().code == ErrorCode::AlreadyExists
                    ? created.error()
                    : Error { ErrorCode::Unavailable, "The account could not be created", {}, {} });
        m.setup_gate->close();
        spdlog::info("first-run setup created admin user {} client={}", created->id, request.client.to_string());
        co_return json_response(http::status::created, { { "success", true }, { "id", created->id } });
    }

private:
    NextAuthCookieNames const& names() const { return m.sessions->cookie_names(); }
    CookieAttributes const& attributes() const { return m.sessions->cookie_attributes(); }
    // NEXTAUTH_URL's origin; without one (a local start), the origin the browser used, so that
    // http://localhost:3000 and http://127.0.0.1:3000 both work.
    std::string origin_of(Request const& request) const
    {
        if (m.config.nextauth_url_explicit)
            return m.config.nextauth_url;
        auto host = request.header(http::field::host);
        bool plausible = !host.empty() && host.size() < 256
            && host.find_first_of("/\\@ \t\"<>") == std::string_view::npos;
        return plausible ? "http://" + std::string(host) : m.config.nextauth_url;
    }

    FormFields parse_body(Request const& request)
    {
        if (!request.header(http::field::content_type).starts_with("application/json"))
            return parse_form(request.message.body());
        // useSession().update() posts JSON: {"csrfToken": …, "data": …}.
        FormFields fields;
        auto body = nlohmann::json::parse(request.message.body(), nullptr, false);
        if (body.is_object()) {
            for (auto const& [key, value] : body.items())
                fields.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
        }
        return fields;
    }

    // The callback URL from the body, else the cookie, else the origin, restricted to this site;
    // remembered in the callback-url cookie as NextAuth does.
    std::string callback_target(Exchange& exchange)
    {
        auto candidate = form_value(exchange.body, "callbackUrl");
        if (!candidate || candidate->empty())
            candidate = find_cookie(exchange.cookies, names().callback_url);
        auto target = resolve_callback_url(candidate.value_or(exchange.origin), exchange.origin);
        if (find_cookie(exchange.cookies, names().callback_url) != target)
            exchange.set_cookies.push_back({ names().callback_url, target, attributes() });
        return target;
    }

    // sign_in.succeeded (with the last sign-in kept on the account) or sign_in.failed, with the
    // client address. A failure to write it costs a log line, not the sign-in.
    Awaitable<void> audit_sign_in(std::optional<std::string> user_id, std::string email, std::string client, bool succeeded)
    {
        auto now = now_millis();
        auto written = co_await m.database.write<void>([&](SqlConnection& connection) -> Result<void> {
            if (succeeded && user_id) {
                if (auto recorded = record_sign_in(connection, *user_id, client, now); !recorded)
                    return recorded;
            }
            AuditEntry entry;
            entry.action = succeeded ? "sign_in.succeeded" : "sign_in.failed";
            entry.succeeded = succeeded;
            entry.actor_id = user_id;
            entry.actor_label = email;
            entry.target_type = "user";
            entry.target_id = user_id.value_or("");
            entry.client_address = client;
            entry.occurred_at = now;
            auto appended = append_audit_entry(connection, entry);
            if (!appended)
                return std::unexpected(std::move(appended.error()));
            return {};
        });
        if (!written)
            spdlog::warn("cannot record the sign-in in the audit log: {} ({})", written.error().message, written.error().detail);
    }

    void count(std::string_view outcome) const
    {
        if (m.count_login_attempt)
            m.count_login_attempt(outcome);
    }

    static long seconds_rounded_up(Millis wait) { return long((wait + 999) / 1000); }

    // 429 with Retry-After. The body is JSON for every client; it carries NextAuth's {"url"} with an
    // error, so next-auth/react's signIn() reports {ok:false, status:429, error:"TooManyAttempts"}.
    Response too_many_attempts(Exchange const& exchange, long retry_after_seconds, std::string const& why) const
    {
        auto response = json_response(http_status_for(ErrorCode::ResourceExhausted),
            { { "url", exchange.origin + m_base + "/error?error=TooManyAttempts&provider=credentials" }, { "success", false },
                { "error", why + ": try again in " + std::to_string(retry_after_seconds) + " s" },
                { "retryAfter", retry_after_seconds } });
        response.set(http::field::retry_after, std::to_string(retry_after_seconds));
        return response;
    }

    // The password is right, but its stored hash has another cost than MMSGATE_BCRYPT_COST (a seed
    // user, or the setting changed): store it again at the configured cost, sessions untouched. A
    // failure costs nothing but a log line; the next login tries again.
    Awaitable<void> rehash(User const& user, std::string const& password)
    {
        auto hash = co_await hash_password_off_thread(password, m.config.bcrypt_cost);
        if (!hash) {
            spdlog::warn("cannot rehash the password of user {}: {}", user.id, hash.error().message);
            co_return;
        }
        auto old_hash = user.password_hash.value_or("");
        auto saved = co_await m.database.write<void>(
            [&](SqlConnection& connection) { return replace_password_hash(connection, user.id, old_hash, *hash); });
        if (!saved)
            spdlog::warn("cannot store the rehashed password of user {}: {}", user.id, saved.error().message);
        else
            spdlog::info("rehashed the password of user {} at cost {}", user.id, m.config.bcrypt_cost);
    }

    // The costliest stored bcrypt hash: a failed login costs at least its work, so a costlier hash
    // (a seed user's cost 14 under a configured 12) does not stand out from unknown e-mails. Read
    // once from the database, then raised by any costlier hash a login reads (docs/decisions.md 21).
    Awaitable<int> slowest_stored_cost(std::optional<std::string> const& hash)
    {
        if (m_slowest_stored_cost.load() < 0) {
            auto highest = co_await m.database.read<int>([](SqlConnection& connection) { return highest_password_cost(connection); });
            if (highest)
                raise_slowest_stored_cost(*highest);
            else
                spdlog::warn("cannot read the highest stored bcrypt cost (tried again at the next login): {}", highest.error().message);
        }
        if (hash)
            raise_slowest_stored_cost(stored_bcrypt_cost(*hash));
        co_return std::max(m_slowest_stored_cost.load(), kMinBcryptCost);
    }

    void raise_slowest_stored_cost(int cost)
    {
        auto known = m_slowest_stored_cost.load();
        while (known < cost && !m_slowest_stored_cost.compare_exchange_weak(known, cost)) { }
    }

    // NextAuth v4: with json=true the status and {"url"} travel in the body; otherwise a 302.
    static Response redirect(bool wants_json, http::status status, std::string const& url)
    {
        if (!wants_json)
            return redirect_response(url);
        return json_response(status, { { "url", url } });
    }

    AuthRouteDependencies m;
    std::string m_base;
    LoginThrottle m_throttle;
    std::atomic<int> m_slowest_stored_cost { -1 }; // -1 until read from the database
};

}

void add_auth_routes(Router& router, AuthRouteDependencies dependencies)
{
    std::string base = dependencies.config.auth_base_path;
    auto handlers = std::make_shared<AuthHandlers>(std::move(dependencies));
    auto route = [&](http::verb method, std::string const& path, Awaitable<Response> (AuthHandlers::*member)(Request&)) {
        router.add(method, base + path, [handlers, member](Request& request) { return ((*handlers).*member)(request); });
    };
    route(http::verb::get, "/csrf", &AuthHandlers::csrf);
    route(http::verb::get, "/providers", &AuthHandlers::providers);
    route(http::verb::get, "/session", &AuthHandlers::session);
    route(http::verb::post, "/session", &AuthHandlers::session);
    route(http::verb::post, "/callback/credentials", &AuthHandlers::callback_credentials);
    route(http::verb::post, "/signout", &AuthHandlers::signout);
    route(http::verb::get, "/signout", &AuthHandlers::signout_page);
    route(http::verb::get, "/signin", &AuthHandlers::signin_page);
    route(http::verb::post, "/signin/credentials", &AuthHandlers::signin_provider);
    route(http::verb::get, "/error", &AuthHandlers::error_page);
    route(http::verb::post, "/_log", &AuthHandlers::log);
    router.add(http::verb::post, "/api/setup", [handlers](Request& request) { return handlers->setup(request); });
}

}
