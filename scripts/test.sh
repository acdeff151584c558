#!/usr/bin/env bash
# Install what the tests need and run the suite twice over: everything on SQLite, then the tests
# that use our database (marker "database", browser tests aside) again on PostgreSQL. Extra
# arguments go to both pytest runs:
#   scripts/test.sh -x -k login
# PostgreSQL and Redis are started when they are local and not running. Settings:
#   POSTGRES_TEST_URL  server for the second pass (default postgresql+psycopg://postgres@127.0.0.1:5432/test)
#   TEST_REDIS_URL     Redis for the multi-process tests (default redis://127.0.0.1:6379)
#   TEST_DATABASES     "sqlite postgresql" (default) or just one of them
#   TEST_WORKERS       pytest-xdist workers (default: one per core)
# Ends with a summary (each pass's result and time, and the total). Exits with pytest's status,
# except that "no tests collected" (pytest's 5) counts as a failure, and so does a pass that cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_chromium() {
    if [ ! -x /usr/bin/chromium ]; then
        echo "Installing Debian's chromium for the browser tests..."
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
}

# ensure_service NAME URL START_COMMAND...: start the server unless it already answers at URL.
ensure_service() {
    local name=$1 url=$2
    shift 2
    "$PYTHON" scripts/service_ready.py "$url" 2>/dev/null && return 0
    echo "Starting $name..."
    "$@" || true
    "$PYTHON" scripts/service_ready.py "$url" --wait 30 || {
        echo "$name is needed by the tests and does not answer; see above." >&2
        return 1
    }
}

ensure_postgres() {
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    ensure_service PostgreSQL "$POSTGRES_TEST_URL" \
        as_root pg_ctlcluster --skip-systemctl-redirect "${version:-none}" main start
}

ensure_redis() {
    ensure_service Redis "$TEST_REDIS_URL" \
        as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
}

# run_pytest LABEL [ARGS...]: one pass of the suite; returns pytest's status (5 becomes 1) and
# adds the pass's result and time to the summary.
summary=()
run_pytest() {
    local label=$1 status=0 started=$SECONDS result
    shift
    echo "== pytest ($label)"
    "$PYTHON" -m pytest "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "pytest collected no tests ($label): treated as a failure." >&2
        status=1
    fi
    result=$([ "$status" -eq 0 ] && echo passed || echo "FAILED (status $status)")
    summary+=("$label: $result in $(duration $((SECONDS - started)))")
    return "$status"
}

duration() {
    printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

# The passes to run, each named once: "sqlite", "postgresql" or both; anything else is a mistake
# that would otherwise run nothing and succeed.
check_databases() {
    local database
    [ -n "${TEST_DATABASES// /}" ] || { echo "TEST_DATABASES is empty: name sqlite, postgresql or both." >&2; return 1; }
    for database in $TEST_DATABASES; do
        case $database in
            sqlite | postgresql) ;;
            *) echo "TEST_DATABASES: unknown database '$database' (sqlite, postgresql)." >&2; return 1 ;;
        esac
    done
}

TEST_DATABASES=${TEST_DATABASES:-sqlite postgresql}
check_databases
ensure_venv
ensure_python_packages test
ensure_vendor
ensure_chromium

POSTGRES_TEST_URL=${POSTGRES_TEST_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
export TEST_REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379}
ensure_redis
parallel=(-n "${TEST_WORKERS:-auto}")

# Each pass runs against one database; a failing pass does not stop the next one.
status=0
if [[ " $TEST_DATABASES " == *" sqlite "* ]]; then
    DATABASE_URL="" run_pytest "SQLite: every test" "${parallel[@]}" "$@" || status=$?
fi
if [[ " $TEST_DATABASES " == *" postgresql "* ]]; then
    if ensure_postgres; then
        # The browser tests exercise the pages' scripts; the server code under them is the same
        # the web tests already cover on PostgreSQL.
        DATABASE_URL=$POSTGRES_TEST_URL run_pytest "PostgreSQL: tests marked database, browser ones aside" \
            "${parallel[@]}" -m "database and not browser" "$@" || status=$?
    else
        summary+=("PostgreSQL: FAILED (the server does not answer)")
        status=1
    fi
fi
echo "== summary"
printf '%s\n' "${summary[@]}"
echo "total (setup included): $(duration "$SECONDS")"
exit "$status"
