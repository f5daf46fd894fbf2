#!/usr/bin/env bash
# Session tokens must pass both ways between mmsgate and the real next-auth 4.24.15 (tests/interop/
# node_modules, installed by scripts/bootstrap with `npm ci`). Fails, never skips, when Node or the
# packages are missing: a silent skip would hide exactly the incompatibility this test exists for.
set -euo pipefail
driver=$(realpath "${1:?usage: run-interop.sh <path to auth_interop>}")
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1; then
  echo "FAIL: node is not installed (scripts/bootstrap installs it)" >&2
  exit 1
fi
if [ ! -f node_modules/next-auth/package.json ]; then
  echo "FAIL: tests/interop/node_modules is missing: run scripts/bootstrap (npm ci in tests/interop)" >&2
  exit 1
fi
installed=$(node -p 'JSON.parse(require("fs").readFileSync("node_modules/next-auth/package.json", "utf8")).version')
if [ "$installed" != "4.24.15" ]; then
  echo "FAIL: tests/interop has next-auth $installed, expected 4.24.15 (npm ci in tests/interop)" >&2
  exit 1
fi

export NEXTAUTH_SECRET="interop-secret-$RANDOM-$RANDOM-0123456789abcdef"
failures=0

check_equal() { # description expected actual
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1" >&2
    echo "  expected: $2" >&2
    echo "  actual:   $3" >&2
    failures=$((failures + 1))
  else
    echo "ok: $1"
  fi
}

# Claims with the seed's shape, and one with everything JSON serialisers tend to disagree about.
seed_claims='{"name":"Alice Example","email":"alice@example.com","picture":null,"sub":"clx0user0000000000000001","id":"clx0user0000000000000001"}'
tricky_claims='{"name":"Zoë \"Q\" <a&b> \u2028 😀\t\u0001/","email":null,"sub":"c1","n":1.5,"big":12345678901,"neg":-3,"arr":[1,"a",null,true,{}],"obj":{"k":"v","z":[]}}'

for claims in "$seed_claims" "$tricky_claims"; do
  # mmsgate encodes, next-auth decodes: the payload must be byte-identical to mmsgate's own view of it.
  token=$("$driver" encode "$claims")
  ours=$("$driver" decode "$token")
  theirs=$(node decode-token.mjs "$token")
  check_equal "next-auth decodes mmsgate's token to the same payload (${claims:0:30}…)" "$ours" "$theirs"
  expected_prefix=$(node -e 'process.stdout.write(JSON.stringify(JSON.parse(process.argv[1])).slice(0, -1))' "$claims")
  check_equal "payload keeps the claims' order, then iat, exp, jti" "$expected_prefix" "${theirs%%,\"iat\":*}"

  # next-auth encodes, mmsgate decodes.
  token=$(node encode-token.mjs "$claims")
  theirs=$(node decode-token.mjs "$token")
  ours=$("$driver" decode "$token")
  check_equal "mmsgate decodes next-auth's token to the same payload (${claims:0:30}…)" "$theirs" "$ours"
done

# Rejections must agree too: an expired token and a token under another secret.
expired=$(node encode-token.mjs "$seed_claims" -3600)
if "$driver" decode "$expired" >/dev/null 2>&1; then
  echo "FAIL: mmsgate accepted a token next-auth made expired" >&2
  failures=$((failures + 1))
else
  echo "ok: mmsgate rejects next-auth's expired token"
fi
token=$("$driver" encode "$seed_claims")
if node decode-token.mjs "$token" "another-secret" >/dev/null 2>&1; then
  echo "FAIL: next-auth accepted mmsgate's token under another secret" >&2
  failures=$((failures + 1))
else
  echo "ok: next-auth rejects mmsgate's token under another secret"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures interop check(s) failed" >&2
  exit 1
fi
