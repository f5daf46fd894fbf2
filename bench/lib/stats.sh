# shellcheck shell=bash
# Sourced by scripts/bench: statistics over the BENCH_RESULT lines wrk prints (bench/wrk/report.lua),
# float arithmetic through awk, and URL encoding.

result_values() { # key file
  awk -v key="$1" '$1 == "BENCH_RESULT" { for (i = 2; i <= NF; i++) { split($i, pair, "="); if (pair[1] == key) print pair[2] } }' "$2"
}
median() { # key file
  result_values "$1" "$2" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "null"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
total() { # key file
  result_values "$1" "$2" | awk '{ s += $1 } END { printf "%d\n", s }'
}
median_of() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
compare() { awk -v a="$1" -v b="$3" "BEGIN { exit !(a $2 b) }"; }
calc() { awk "BEGIN { printf \"%.${2:-3}f\n\", $1 }"; }

# Percent-encodes everything but unreserved characters (ASCII input).
url_encode() {
  local text=$1 out="" character i
  for ((i = 0; i < ${#text}; i++)); do
    character=${text:i:1}
    case $character in
      [a-zA-Z0-9.~_-]) out+=$character ;;
      *) printf -v character '%%%02X' "'$character"; out+=$character ;;
    esac
  done
  printf '%s' "$out"
}
