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
PUSH_TOKEN_FILE=instance/demo-push-token
INDEXED_MARKER=instance/demo-indexed

ensure_venv
ensure_python_packages
ensure_vendor
mkdir -p instance

export DEMO_MODE=1
export KLARNA_API_URL="http://$HOST:$SANDBOX_PORT"
mkdir -p instance
if [ ! -s "$PUSH_TOKEN_FILE" ]; then
    (umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))' >"$PUSH_TOKEN_FILE")
fi
export KLARNA_PUSH_TOKEN=$(cat "$PUSH_TOKEN_FILE")
PUSH_URL="http://$HOST:$PORT/notifications/klarna/default?klarna_order_id={order_id}&token=$KLARNA_PUSH_TOKEN"

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

# First start: every demo order into the order index (as an import would), then a few changed
# straight on the sandbox, as in Klarna's Merchant Portal, which the sync finds as drift.
index_demo_orders() {
    local sandbox=$1 auth="${SANDBOX_USERNAME:-sandbox}:${SANDBOX_PASSWORD:-sandbox-secret}"
    echo "Indexing the demo orders (first start) ..."
    curl -sf -u "$auth" "$sandbox/sandbox/orders" | "$PYTHON" -c \
        'import json, sys; print("\n".join(order["order_id"] for order in json.load(sys.stdin)["orders"]))' \
        >instance/demo-order-ids.txt
    LOG_LEVEL=WARNING flask orders import instance/demo-order-ids.txt
    for order_id in $("$PYTHON" -c 'from app.sandbox.demo_orders_many import generated_id as g; print(g(0), g(1), g(2))'); do
        curl -sf -u "$auth" -H "Content-Type: application/json" -H "Klarna-Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
            -d '{"captured_amount": 1000, "description": "Captured in the Merchant Portal"}' \
            "$sandbox/ordermanagement/v1/orders/$order_id/captures" >/dev/null
    done
    LOG_LEVEL=WARNING flask orders sync --open >/dev/null 2>&1
}

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
    --push-url "$PUSH_URL" >>instance/sandbox.log 2>&1 &
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

if [ ! -e "$INDEXED_MARKER" ]; then
    index_demo_orders "http://$HOST:$SANDBOX_PORT"
    touch "$INDEXED_MARKER"
fi

echo "Starting the background worker (log in instance/worker.log) ..."
flask worker >>instance/worker.log 2>&1 &
worker_pid=$!

cat <<TEXT

  Klarna Back Office (demo) is starting on  http://$HOST:$PORT

  Demo logins, one per role (password in $PASSWORD_FILE):
    admin / supervisor / agent / viewer      password: $password

  Demo orders: "Orders" in the header lists them all (with work queues); type an
    order ID, a reference (SE-100234), an email or a name into the lookup box.

  Ctrl-C stops the dashboard, the sandbox and the worker.

TEXT
flask run --host "$HOST" --port "$PORT"
