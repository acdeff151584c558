#!/usr/bin/env bash
# Install the front-end packages pinned in package-lock.json and copy the files the pages use
# into static/vendor/ (git-ignored). Quick when everything is already current.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.installed-package-lock.json
if ! cmp -s package-lock.json "$stamp"; then
    echo "Installing front-end packages (npm ci)..."
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
fi

copy_if_changed() {
    local source=$1 target=$2
    if ! cmp -s "$source" "$target"; then
        mkdir -p "$(dirname "$target")"
        cp "$source" "$target"
        echo "Copied $target"
    fi
}

copy_if_changed node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/htmx.min.js
copy_if_changed node_modules/htmx.org/LICENSE static/vendor/htmx/LICENSE
