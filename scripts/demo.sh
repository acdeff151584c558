#!/usr/bin/env bash
# Set up everything and start the dashboard against the local Klarna sandbox, on this machine only.
#   scripts/demo.sh                 dashboard on http://127.0.0.1:5000, sandbox on port 5001
#   PORT=8000 SANDBOX_PORT=8001 scripts/demo.sh
# Ctrl-C stops all three (dashboard, sandbox, background worker). Running it again reuses the database, the demo logins and the sandbox data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

HOST=127.0.0.1
PORT=${PORT:-5000}
SANDBOX_PORT=${SANDBOX_PORT:-5001}
DEMO_ROLES=(admin supervisor agent viewer)
PASSWORD_FILE=instance/demo-password

ensure_venv
ensure_python_packages
ensure_vendor
mkdir -p instance

export DEMO_MODE=1
export KLARNA_API_URL="http://$HOST:$SANDBOX_PORT"

echo "Preparing the database..."
if ! upgrade_output=$(flask db upgrade 2>&1); then
    echo "$upgrade_output" >&2
    exit 1
fi

# One password for the demo logins, generated on the first run and kept in instance/.
new_password=false
if [ ! -s "$PASSWORD_FILE" ]; then
    (umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(12))' >"$PASSWORD_FILE")
    new_password=true
fi
password=$(cat "$PASSWORD_FILE")
existing=$(flask users list 2>/dev/null | awk 'NR > 1 { print $1 }')
for role in "${DEMO_ROLES[@]}"; do
    if ! grep -qx "$role" <<<"$existing"; then
        printf '%s\n%s\n' "$password" "$password" | flask users create "$role" --role "$role"
    elif $new_password; then
        printf '%s\n%s\n' "$password" "$password" | flask users reset-password "$role"
    fi
done

sandbox_pid=""
worker_pid=""
stop_process() {
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
stop_background() {
    stop_process "$worker_pid"
    stop_process "$sandbox_pid"
}
trap stop_background EXIT
trap 'exit 130' INT TERM

echo "Starting the Klarna sandbox on http://$HOST:$SANDBOX_PORT ..."
"$PYTHON" -m app.sandbox --host "$HOST" --port "$SANDBOX_PORT" --db instance/sandbox.sqlite3 \
    >>instance/sandbox.log 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 100); do
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
        echo "The sandbox did not start; see instance/sandbox.log:" >&2
        tail -n 20 instance/sandbox.log >&2
        exit 1
    fi
    (exec 3<>"/dev/tcp/$HOST/$SANDBOX_PORT") 2>/dev/null && break
    sleep 0.2
done

echo "Starting the background worker (log in instance/worker.log) ..."
flask worker >>instance/worker.log 2>&1 &
worker_pid=$!

cat <<TEXT

  Klarna Back Office (demo) is starting on  http://$HOST:$PORT

  Demo logins, one per role (password in $PASSWORD_FILE):
    admin / supervisor / agent / viewer      password: $password

  Demo orders: paste an ID from docs/SANDBOX.md into the lookup box,
    e.g. 340f25f5-6d52-4b35-b124-d9a69cf587c6

  Ctrl-C stops the dashboard, the sandbox and the worker.

TEXT
flask run --host "$HOST" --port "$PORT"
