-- GET of the URL given to wrk, with the session cookie when BENCH_COOKIE is set
-- (scenario 1: /healthz; scenarios 2 and 6: /api/auth/session).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

wrk.method = "GET"
bench_cookie()
