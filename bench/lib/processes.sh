# shellcheck shell=bash
# Sourced by scripts/bench: logging; the processes it starts, which cleanup (its EXIT trap) stops
# however it exits; ports, readiness and memory of a process.

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# Every process started is appended to children; $work is removed, $pg_stop run, at the end.
work=""
children=()
pg_stop=""
cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "${children[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${children[@]}"; do
    wait_for_exit "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$pg_stop" ]; then
    eval "$pg_stop" || true
  fi
  if [ -n "$work" ] && [ -d "$work" ]; then
    if [ "$status" -ne 0 ]; then
      log "logs of the failed run:"
      for file in "$work"/*.log; do
        [ -f "$file" ] || continue
        log "--- $(basename "$file") (last 15 lines)"
        tail -n 15 "$file" >&2 || true
      done
    fi
    rm -rf "$work"
  fi
  exit "$status"
}
# Waits up to $2 seconds for process $1 (a child) to end.
wait_for_exit() {
  local pid=$1 seconds=$2 i
  for ((i = 0; i < seconds * 50; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      return 0
    fi
    pause 0.02
  done
  return 1
}

forget_child() {
  local pid=$1 kept=() each
  for each in "${children[@]}"; do
    [ "$each" = "$pid" ] || kept+=("$each")
  done
  children=("${kept[@]}")
}

stop_child() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  wait_for_exit "$pid" 15 || { log "process $pid did not stop in 15 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  forget_child "$pid"
}

# A sleep without starting a process: a read that times out on a pipe nobody writes to
# (open_pause_pipe must have run).
open_pause_pipe() { exec {pause_fd}<> <(:); }
pause() { read -r -t "$1" -u "$pause_fd" _ || true; }

now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

# The TCP port process $1 listens on, found through its socket inodes in /proc/net/tcp{,6}.
listening_port() {
  local pid=$1 inodes hex
  inodes=$(find "/proc/$pid/fd" -maxdepth 1 -type l -printf '%l\n' 2>/dev/null | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p' | tr '\n' ' ') || true
  [ -n "$inodes" ] || return 1
  hex=$(awk -v inodes="$inodes" 'BEGIN { n = split(inodes, list, " "); for (i = 1; i <= n; i++) wanted[list[i]] = 1 }
    $4 == "0A" && ($10 in wanted) { split($2, address, ":"); print address[2]; exit }' /proc/net/tcp /proc/net/tcp6 2>/dev/null)
  [ -n "$hex" ] || return 1
  echo $((16#$hex))
}

# The port of a process that logs "listening on http://127.0.0.1:PORT" (or, when its log level
# hides that line, the port it listens on).
wait_for_port() {
  local log_file=$1 pid=$2 port i
  for ((i = 0; i < 1500; i++)); do
    kill -0 "$pid" 2>/dev/null || die "$(basename "$log_file" .log) exited during start-up"
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$log_file" | head -n 1)
    [ -n "$port" ] || port=$(listening_port "$pid") || true
    if [ -n "$port" ]; then
      echo "$port"
      return 0
    fi
    pause 0.01
  done
  die "$(basename "$log_file" .log) did not start listening within 15 s"
}

# GET /healthz over bash's /dev/tcp (no process started, so polling is cheap and precise).
healthz_ok() {
  local port=$1 line=""
  { exec {http_fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  { printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&"$http_fd"; } 2>/dev/null || true
  IFS= read -r -t 2 -u "$http_fd" line || true
  exec {http_fd}>&-
  [[ $line == "HTTP/1.1 200"* ]]
}

wait_for_healthz() {
  local port=$1 pid=$2 i
  for ((i = 0; i < 5000; i++)); do
    healthz_ok "$port" && return 0
    kill -0 "$pid" 2>/dev/null || die "the server exited during start-up"
    pause 0.002
  done
  die "the server did not answer /healthz within 10 s"
}

memory_kb() { awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status" 2>/dev/null || true; }
