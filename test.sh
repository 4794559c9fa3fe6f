#!/usr/bin/env bash
# Runs every test suite of Entente on a fresh Debian machine with the .NET 10 SDK.
#  - installs what the build and tests need from Debian packages when it is missing (npm, PostgreSQL, Chromium);
#  - starts a throwaway PostgreSQL server on a free loopback port and stops it afterwards;
#  - restores (locked), builds (warnings are errors) and runs the domain/HTTP tests on SQLite and
#    PostgreSQL, and the browser tests in headless Chromium;
#  - ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm) # the build restores front-end libraries with npm ci (ADR 0008)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/entente-test-pg.XXXXXX)
port=${ENTENTE_TEST_PG_PORT:-55439}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT

echo "== starting PostgreSQL ($("$pg_bin/postgres" --version)) on 127.0.0.1:$port"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w start \
  -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null

export ENTENTE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Maximum Pool Size=20"
export ENTENTE_TEST_PG_BIN="$pg_bin" # the reliability tests start and stop a server of their own
export ENTENTE_TEST_CHROMIUM=${ENTENTE_TEST_CHROMIUM:-$(command -v chromium)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== restoring and building"
dotnet restore Entente.slnx --locked-mode -v q
dotnet build Entente.slnx -c Release --no-restore -v q -nologo

echo "== running tests"
log=$(mktemp)
set +e
dotnet test Entente.slnx -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
