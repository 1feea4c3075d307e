#!/usr/bin/env bash
# Installs the Debian packages parley needs to build, test and benchmark, and only those that are missing,
# so `make` can call it every time at almost no cost. The one place the project's dependencies are listed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config          # toolchain
  libsqlite3-dev sqlite3                    # embedded store; the sqlite3 CLI is the benchmark's floor
  libsimdjson-dev                           # bulk JSON parsing at ingest
  nlohmann-json3-dev                        # JSON where speed does not matter (CLI output)
  libcli11-dev                              # command-line flags and --help
  libtomlplusplus-dev                       # the organisation config (TOML)
  libutf8proc-dev                           # Unicode validation and normalisation
  libcld2-dev                               # language identification
  libcpp-httplib-dev                        # the HTTP server of `parley serve`
  libsodium-dev                             # password and API-token hashing
  libhowardhinnant-date-dev tzdata          # working hours and SLA calendars in each team's time zone
  curl                                      # the demo script checks the server answers
  libgtest-dev libgmock-dev                 # tests
  libbenchmark-dev                          # micro benchmarks
  time                                      # /usr/bin/time: peak RSS in bench/ingest
  chromium                                  # the browser of the web app's tests (web/e2e)
)
case "${1:-}" in
  --fuzz) packages+=(clang libclang-rt-14-dev) ;;  # libFuzzer lives in clang's runtime
  --bench) packages+=(wrk nginx-light) ;;  # HTTP load, the HTTP ceiling
esac

# Node.js and npm build the web app (web/) and run its browser tests and the npm peers of bench/analyze.
# Any Node >= 18 will do; a machine that already has one (say from NodeSource, whose nodejs conflicts with
# Debian's npm package) keeps it, otherwise Debian's nodejs and npm are installed.
node_major=$(node -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ] || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "parley: installing missing packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
