#!/usr/bin/env bash
# `make demo`: load the synthetic Northwind Mobile demo (data/demo/, see its README) into a fresh SQLite file,
# then show what parley holds: stats, a search, a thread. Until the server exists (issue "engage"), this is
# the demo; later it will start `parley serve` and print its URL.
set -euo pipefail
parley=${1:-build/parley}
db=${2:-parley-demo.db}
cd "$(dirname "$0")/.."

rm -f "$db" "$db-wal" "$db-shm"
echo "== Ingesting the demo data (synthetic: data/demo/README.md) into $db"
"$parley" --db "$db" ingest --config data/demo/org.toml data/demo/posts.jsonl data/demo/x_search_recent.json \
  data/demo/mastodon_context.json data/demo/reddit_thread.json
"$parley" --db "$db" ingest --config data/demo/org.toml --csv-source survey \
  --map id="Response ID" --map created_at=Submitted --map author=Customer --map text=Comment \
  data/demo/survey.csv
echo
echo "== What the database holds: parley --db $db stats"
"$parley" --db "$db" stats
echo
echo "== A search: parley --db $db search -n 3 'outage OR down'"
"$parley" --db "$db" search -n 3 "outage OR down"
echo
echo "Try: build/parley --db $db search refund        build/parley --db $db search --json \"charged twice\""
echo "     build/parley --db $db ingest --help          (docs/cli.md for every command)"
