#!/usr/bin/env bash
# `make demo`: load the synthetic Northwind Mobile demo (data/demo/, see its README) into a fresh SQLite file
# with the demo organisation's config (teams, people, rules, SLAs), replay its month through the case engine
# with the work a care team would have done (`parley demo-history`: data/demo/README.md, "History"), create
# sign-ins for its people, then start `parley serve` on it and print the URL and a login. Ctrl-C stops the
# server.
#
#   bash scripts/demo.sh [PARLEY_BINARY] [DB] [--check]
#
# --check starts the server on a free port, checks that it answers and that the demo login works, and stops
# it again (what the Demo test runs). PARLEY_DEMO_LISTEN sets the address (default 127.0.0.1:8080; port 0
# picks a free one); PARLEY_DEMO_PORT_FILE names a file the server writes its port to once it listens
# (the web app's browser tests use both); PARLEY_WEB_ROOT the web app to serve (default web/dist).
set -euo pipefail
parley=${1:-build/parley}
db=${2:-parley-demo.db}
check=${3:-}
cd "$(dirname "$0")/.."
config=data/demo/org.toml
listen=${PARLEY_DEMO_LISTEN:-127.0.0.1:8080}
web_root=${PARLEY_WEB_ROOT:-web/dist}

# The files are ingested into a staging database first, then replayed from it in time order into $db:
# ingest stores each file in turn, and the cases must be opened, assigned and worked in the order the posts
# were written.
staged="$db.ingested"
rm -f "$db" "$db-wal" "$db-shm" "$staged" "$staged-wal" "$staged-shm"
# The demo month ends on 2026-11-20 12:00 UTC (data/demo/README.md); shift it by whole days so the newest
# post is less than a day old, so the inbox shows cases whose SLA clocks are still running rather than a
# month overdue.
newest=$(date -d 2026-11-20T12:00:00Z +%s)
shift_days=$(( ( $(date +%s) - newest ) / 86400 ))
[ "$shift_days" -gt 0 ] || shift_days=0
echo "== Ingesting the demo data (synthetic: data/demo/README.md) into $staged, shifted $shift_days days to the present"
"$parley" --db "$staged" ingest --config "$config" --shift-days "$shift_days" data/demo/posts.jsonl \
  data/demo/x_search_recent.json data/demo/mastodon_context.json data/demo/reddit_thread.json
"$parley" --db "$staged" ingest --config "$config" --shift-days "$shift_days" --csv-source survey \
  --map id="Response ID" --map created_at=Submitted --map author=Customer --map text=Comment \
  data/demo/survey.csv
echo
echo "== What was ingested: parley --db $staged stats"
"$parley" --db "$staged" stats
echo
echo "== A month of care work, replayed through the case engine: parley --db $db demo-history"
"$parley" --db "$db" demo-history --from "$staged" --config "$config"
rm -f "$staged" "$staged-wal" "$staged-shm"
echo
echo "== Sign-ins: every employee of the demo config, password 'demo'"
"$parley" --db "$db" user add-employees --config "$config" --password demo
"$parley" --db "$db" user add admin --role admin --password demo >/dev/null
echo "   and 'admin' (role admin), password 'demo'"

if [ "$check" = "--check" ]; then
  port_file=$(mktemp)
  "$parley" --db "$db" serve --config "$config" --listen 127.0.0.1:0 --port-file "$port_file" &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do [ -s "$port_file" ] && break; sleep 0.1; done
  port=$(cat "$port_file")
  curl -sf "http://127.0.0.1:$port/api/v1/health"
  echo
  session=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" -d '{"user":"admin","password":"demo"}' |
    sed -n 's/.*"session":"\([^"]*\)".*/\1/p')
  [ -n "$session" ] || { echo "demo check: sign-in failed" >&2; exit 1; }
  curl -sf -H "Authorization: Bearer $session" "http://127.0.0.1:$port/api/v1/queues"
  echo
  echo "demo check: ok"
  exit 0
fi

web=""
[ -d "$web_root" ] && web="--web-root $web_root"
port_file_arg=""
[ -n "${PARLEY_DEMO_PORT_FILE:-}" ] && port_file_arg="--port-file $PARLEY_DEMO_PORT_FILE"
echo
echo "== Starting the server. Open http://$listen/ and sign in as admin / demo (or an employee, e.g. a.nakamura / demo)."
echo "   API: http://$listen/api/v1/ (docs/api.md); Ctrl-C stops."
# shellcheck disable=SC2086
exec "$parley" --db "$db" serve --config "$config" --listen "$listen" $web $port_file_arg
