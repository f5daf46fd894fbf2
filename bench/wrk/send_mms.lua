-- POST /api/send-mms as a logged-in user (BENCH_COOKIE): one recipient, one media URL
-- (scenarios 3, 4 and 5). Every request creates and stores a new message.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

wrk.method = "POST"
wrk.path = "/api/send-mms"
wrk.body = '{"to":"+14155550111","text":"bench","mediaUrl":"https://example.com/a.jpg"}'
wrk.headers["Content-Type"] = "application/json"
bench_cookie()
