#!/usr/bin/env bash
# Installs the system packages the test suite needs, if they are missing:
#   chromium    Debian's browser, driven by Playwright in tests/browser/
#   postgresql  the server binaries, for the PostgreSQL run (scripts/with-postgres.sh)
# Safe to run repeatedly: when everything is present it does nothing.
set -euo pipefail

missing=()

if [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
fi

have_postgres() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
if ! have_postgres; then
    missing+=(postgresql)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    cat >&2 <<MSG
The tests need these Debian packages, which are not installed: ${missing[*]}
Install them as root, then run the tests again:
    sudo apt-get update && sudo apt-get install --no-install-recommends ${missing[*]}
MSG
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get is not available; install these packages with your system's package manager: ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT

apt_quiet() {
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        return 1
    fi
}

has_candidate() {
    local package candidate
    for package in "$@"; do
        candidate=$(apt-cache policy "$package" 2>/dev/null | awk '/Candidate:/ {print $2}')
        if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
            return 1
        fi
    done
}

updated=false
update_once() {
    if [ "$updated" = false ]; then
        echo "Updating the apt package lists..."
        apt_quiet apt-get update -q || {
            echo "apt-get update failed (output above)." >&2
            exit 1
        }
        updated=true
    fi
}

if ! has_candidate "${missing[@]}"; then
    update_once
fi

install_missing() {
    apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1
}

echo "Installing ${missing[*]} with apt-get..."
status=0
install_missing || status=$?
if [ "$status" -ne 0 ] && [ "$updated" = false ]; then
    # Stale package lists are the usual cause; refresh them once and retry.
    update_once
    status=0
    install_missing || status=$?
fi
if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    echo "apt-get install ${missing[*]} failed (output above)." >&2
    exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "chromium was installed but /usr/bin/chromium is missing." >&2
    exit 1
fi
if ! have_postgres; then
    echo "postgresql was installed but no initdb was found under /usr/lib/postgresql/*/bin." >&2
    exit 1
fi
echo "Installed ${missing[*]}."
