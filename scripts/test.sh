#!/usr/bin/env bash
# Install what the tests need and run the whole suite. Extra arguments go to pytest:
#   scripts/test.sh -x -k login
# Exits with pytest's status, except that "no tests collected" (pytest's 5) counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_chromium() {
    if [ ! -x /usr/bin/chromium ]; then
        echo "Installing Debian's chromium for the browser tests..."
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    fi
}

# run_pytest LABEL [ARGS...]: one pass of the suite; returns pytest's status (5 becomes 1).
run_pytest() {
    local label=$1 status=0
    shift
    echo "== pytest ($label)"
    "$PYTHON" -m pytest "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "pytest collected no tests ($label): treated as a failure." >&2
        status=1
    fi
    return "$status"
}

ensure_venv
ensure_python_packages test
ensure_vendor
ensure_chromium

# Each pass runs the suite against one database; a failing pass does not stop the next one.
# Another pass is one more line, e.g.
#   DATABASE_URL=postgresql://... run_pytest "PostgreSQL" "$@" || status=$?
status=0
run_pytest "SQLite" "$@" || status=$?
exit "$status"
