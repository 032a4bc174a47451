#!/usr/bin/env bash
# Prints the path of a Python interpreter of version 3.12 or newer that actually runs.
# Order: $PYTHON if given, then interpreters on PATH, then pyenv's installed versions.
set -u

works() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

if [ -n "${PYTHON:-}" ]; then
    if works "$PYTHON"; then
        command -v "$PYTHON" || echo "$PYTHON"
        exit 0
    fi
    echo "PYTHON=$PYTHON is not a working Python 3.12 or newer." >&2
    exit 1
fi

for name in python3.14 python3.13 python3.12 python3 python; do
    path=$(command -v "$name" 2>/dev/null) || continue
    if works "$path"; then
        echo "$path"
        exit 0
    fi
done

if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root 2>/dev/null)
    for path in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V -r); do
        if works "$path"; then
            echo "$path"
            exit 0
        fi
    done
fi

cat >&2 <<'MSG'
No Python 3.12 or newer was found (Django 6 needs it).
Install one, for example `apt-get install python3.13` or `pyenv install 3.13`,
or point to it with `make PYTHON=/path/to/python3.13 ...`.
MSG
exit 1
