-- The login storm of scenario 6: POST /api/auth/callback/credentials with a valid CSRF pair, so
-- every request runs bcrypt. BENCH_LOGIN_COOKIE holds the CSRF cookie, BENCH_LOGIN_BODY the form
-- (email, password, csrfToken, json=true); one CSRF pair serves any number of logins.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

wrk.method = "POST"
wrk.path = "/api/auth/callback/credentials"
wrk.body = os.getenv("BENCH_LOGIN_BODY") or ""
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
bench_cookie("BENCH_LOGIN_COOKIE")
