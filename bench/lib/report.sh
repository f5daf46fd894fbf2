# shellcheck shell=bash disable=SC2154,SC2034
# (the globals it reads and sets belong to scripts/bench)
# Sourced by scripts/bench: the table, the targets of issue 7 with PASS/MISS, bench/results.md and
# bench/results.json, from the wrk results in $work/results and the globals scripts/bench measured.

report_value() { median "$2" "$work/results/$1"; } # scenario key
has_results() { [ -s "$work/results/$1" ]; }
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
dashes() { printf -- '-%.0s' $(seq 1 "$1"); }

# add_target "what" VALUE OPERATOR LIMIT "value as shown" "goal as shown"
targets=()
target_failed=false
add_target() {
  local verdict=MISS
  if compare "$2" "$3" "$4"; then verdict=PASS; else target_failed=true; fi
  targets+=("$1|$2|$3|$4|$5|$6|$verdict")
}

evaluate_targets() {
  local healthz_rps session_rps session_ratio send_rps inflight_errors inflight_completed inflight_overhead_ms storm_p99_ms
  healthz_rps=$(report_value healthz rps)
  session_rps=$(report_value session rps)
  session_ratio=$(calc "$session_rps / ($healthz_rps + 1e-9)" 3)
  send_rps=$(report_value send_sqlite ok_rps)
  inflight_errors=$(total errors "$work/results/inflight")
  inflight_completed=$(total ok "$work/results/inflight")
  # No completed send would make "no errors" vacuous.
  ((inflight_completed > 0)) || inflight_errors=-1
  inflight_overhead_ms=$(calc "$(report_value inflight p99_ms) - 1000" 1)
  storm_p99_ms=$(report_value session_storm p99_ms)
  rss_idle_mb=$(calc "$rss_idle_kb / 1024" 1)
  rss_peak_mb=$(calc "$rss_peak_kb / 1024" 1)

  add_target "session check vs /healthz" "$session_ratio" ">=" 0.70 "$(calc "$session_ratio * 100" 0) %" ">= 70 %"
  add_target "accepted sends/s, SQLite" "$send_rps" ">=" 10000 "$send_rps" ">= 10000"
  add_target "scenario 5 errors" "$inflight_errors" "==" 0 "$inflight_errors of $inflight_completed" "0"
  add_target "scenario 5 server overhead p99" "$inflight_overhead_ms" "<=" 20 "$inflight_overhead_ms ms" "<= 20 ms"
  add_target "session p99 under login storm" "$storm_p99_ms" "<=" 5 "$storm_p99_ms ms" "<= 5 ms"
  add_target "start-up to first 200" "$startup_ms" "<=" 100 "$startup_ms ms" "<= 100 ms"
  add_target "RSS idle" "$rss_idle_mb" "<=" 20 "$rss_idle_mb MB" "<= 20 MB"
  add_target "RSS peak in scenario 5" "$rss_peak_mb" "<=" 100 "$rss_peak_mb MB" "<= 100 MB"
}

scenario_table() {
  local id rate_key
  printf '| %-36s | %10s | %9s | %9s | %6s |\n' scenario "req/s" "p50 ms" "p99 ms" errors
  printf '|%s|%s|%s|%s|%s|\n' "$(dashes 38)" "$(dashes 12)" "$(dashes 11)" "$(dashes 11)" "$(dashes 8)"
  for id in "${scenario_ids[@]}"; do
    has_results "$id" || continue
    rate_key=rps
    case $id in send_* | inflight | login_storm) rate_key=ok_rps ;; esac
    printf '| %-36s | %10s | %9s | %9s | %6s |\n' "${scenario_names[$id]}" "$(report_value "$id" "$rate_key")" \
      "$(report_value "$id" p50_ms)" "$(report_value "$id" p99_ms)" "$(total errors "$work/results/$id")"
  done
}

target_table() {
  local entry what shown goal verdict
  printf '| %-32s | %14s | %10s | %-6s |\n' target measured goal result
  printf '|%s|%s|%s|%s|\n' "$(dashes 34)" "$(dashes 16)" "$(dashes 12)" "$(dashes 8)"
  for entry in "${targets[@]}"; do
    IFS='|' read -r what _ _ _ shown goal verdict <<<"$entry"
    printf '| %-32s | %14s | %10s | %-6s |\n' "$what" "$shown" "$goal" "$verdict"
  done
}

results_json() {
  local id entry what measured operator limit verdict separator=""
  printf '{\n  "date": %s,\n  "commit": %s,\n' "$(json_string "$date_utc")" "$(json_string "$commit")"
  printf '  "machine": { "cpu": %s, "cores": %s, "memory_mb": %s, "kernel": %s },\n' \
    "$(json_string "$cpu")" "$cores" "$memory_mb" "$(json_string "$kernel")"
  printf '  "settings": { "runs": %s, "duration_s": %s, "warmup_s": %s, "connections": %s, "inflight_connections": %s, ' \
    "$runs" "$duration" "$warmup" "$connections" "$inflight_connections"
  printf '"storm_session_connections": %s, "storm_logins": %s },\n' "$storm_session_connections" "$storm_logins"
  printf '  "scenarios": [\n'
  for id in "${scenario_ids[@]}"; do
    has_results "$id" || continue
    printf '%s    { "id": %s, "name": %s, "rps": %s, "ok_rps": %s, "p50_ms": %s, "p90_ms": %s, "p99_ms": %s, "max_ms": %s, ' \
      "$separator" "$(json_string "$id")" "$(json_string "${scenario_names[$id]}")" "$(report_value "$id" rps)" \
      "$(report_value "$id" ok_rps)" "$(report_value "$id" p50_ms)" "$(report_value "$id" p90_ms)" \
      "$(report_value "$id" p99_ms)" "$(report_value "$id" max_ms)"
    printf '"errors": %s, "runs": [' "$(total errors "$work/results/$id")"
    awk '$1 == "BENCH_RESULT" { printf "%s{", (n++ ? ", " : "")
      for (i = 2; i <= NF; i++) { split($i, pair, "="); printf "%s\"%s\": %s", (i > 2 ? ", " : ""), pair[1], pair[2] }
      printf "}" }' "$work/results/$id"
    printf '] }'
    separator=$',\n'
  done
  printf '\n  ],\n'
  printf '  "resources": { "startup_ms": %s, "startup_ms_runs": [%s], "rss_idle_mb": %s, "rss_peak_inflight_mb": %s },\n' \
    "$startup_ms" "$(IFS=,; echo "${startup_ms_runs[*]}")" "$rss_idle_mb" "$rss_peak_mb"
  printf '  "durability_sqlite": %s,\n  "postgres": %s,\n' "$(json_string "$durability")" "$(json_string "$postgres_note")"
  printf '  "targets": [\n'
  separator=""
  for entry in "${targets[@]}"; do
    IFS='|' read -r what measured operator limit _ _ verdict <<<"$entry"
    printf '%s    { "target": %s, "value": %s, "operator": %s, "limit": %s, "pass": %s }' "$separator" \
      "$(json_string "$what")" "$measured" "$(json_string "$operator")" "$limit" \
      "$([ "$verdict" = PASS ] && echo true || echo false)"
    separator=$',\n'
  done
  printf '\n  ]\n}\n'
}

write_report() {
  local table targets_text notes
  evaluate_targets
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  cpu=${cpu:-unknown CPU}
  cores=$(nproc)
  memory_mb=$(awk '/^MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)
  kernel=$(uname -r)
  date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  local machine="$cpu, $cores cores, $memory_mb MB, Linux $kernel"

  table=$(scenario_table)
  targets_text=$(target_table)
  notes="- Median of $runs runs of $duration s after a $warmup s warm-up; wrk with 2 threads and $connections connections.
- Scenario 5: $inflight_connections connections, runs of at least 5 s. Scenario 6: $storm_session_connections session connections, beside $storm_logins logins at once.
- Send rates count successful answers only; the simulator's delivery reports are deferred past the run.
- Scenarios 3 and 4: MMSGATE_SEND_WAIT_MS=0, so the answer is 202 as soon as the message is committed; the dispatcher sends to the simulator at Plivo's API limit meanwhile. 3a: the seed's contract (the answer waits for Plivo's, simulator latency 0, no API limit), as scenario 5 uses it.
- Start-up runs: ${startup_ms_runs[*]} ms. Sends acknowledged vs messages stored (SQLite): $durability.
- PostgreSQL: $postgres_note."

  printf '\nmmsgate benchmark, %s\n%s\n\n%s\n\n%s\n\n%s\n' "$date_utc" "$machine" "$table" "$targets_text" "$notes"
  printf '# mmsgate benchmark\n\n%s, commit %s. %s.\n\n%s\n\n%s\n\n%s\n' "$date_utc" "$commit" "$machine" "$table" \
    "$targets_text" "$notes" >"$results_md"
  results_json >"$results_json"
}
