-- Loaded by every scenario script: when wrk finishes, print one line that scripts/bench parses.
-- wrk measures latency in microseconds; the line gives milliseconds. "ok" excludes answers with a
-- status >= 400 (wrk's status errors), so ok_rps counts only successful requests.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local ok = summary.requests - e.status
  local function ms(percent)
    return latency:percentile(percent) / 1000
  end
  io.write(string.format(
    "BENCH_RESULT requests=%d ok=%d seconds=%.3f rps=%.1f ok_rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f " ..
    "max_ms=%.3f errors=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, ok, seconds, summary.requests / seconds, ok / seconds, ms(50), ms(90), ms(99),
    latency.max / 1000, errors, e.connect, e.read, e.write, e.status, e.timeout))
end
