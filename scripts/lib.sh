# Shared steps of scripts/demo.sh and scripts/test.sh. Each step is quick when already done.
# Source it from the repository root.

VENV=.venv
PYTHON=$VENV/bin/python

# The Python to build .venv with: python3.11 if there is one, else python3 when it is 3.11 or newer.
find_python() {
    local candidate
    for candidate in python3.11 python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 14)))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Python 3.11 (up to 3.13) is needed; none was found on PATH." >&2
    return 1
}

ensure_venv() {
    if [ ! -x "$PYTHON" ]; then
        local python
        python=$(find_python)
        echo "Creating $VENV with $python..."
        "$python" -m venv "$VENV"
    fi
}

# ensure_python_packages [EXTRA]: pip install -e ".[EXTRA]" unless pyproject.toml is unchanged since.
ensure_python_packages() {
    local extra=${1:-} target=. stamp
    [ -n "$extra" ] && target=".[$extra]"
    stamp="$VENV/.installed${extra:+-$extra}"
    local wanted
    wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        echo "Installing Python packages ($target)..."
        "$PYTHON" -m pip install --quiet --disable-pip-version-check -e "$target"
        echo "$wanted" >"$stamp"
    fi
}

ensure_vendor() {
    scripts/vendor.sh
}

flask() {
    "$VENV/bin/flask" --app app "$@"
}
