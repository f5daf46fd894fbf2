-- Shared set-up: the report hook, and the Cookie header from BENCH_COOKIE when it is set.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

function bench_cookie(variable)
  local cookie = os.getenv(variable or "BENCH_COOKIE")
  if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
end
