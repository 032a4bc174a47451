#!/usr/bin/env bash
# Usage: scripts/check-deploy.sh [PYTHON]
#
# Runs Django's deployment checks against the production settings, with the
# environment variables production.py requires set to throwaway test values.
# Any warning fails the run.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-$root/.venv/bin/python}
# A relative interpreter path is taken from the caller's directory.
if [[ "$python" == */* && "$python" != /* ]]; then
    python="$PWD/$python"
fi
cd "$root"
if ! "$python" -c "" >/dev/null 2>&1; then
    echo "check-deploy: '$python' is not a working Python interpreter." >&2
    exit 1
fi

secret_key=$("$python" -c "import secrets; print(secrets.token_urlsafe(64))")

# A clean environment: only what production.py needs, so nothing from the caller's shell
# (a DATABASE_URL, DJANGO_ALLOW_ASYNC_UNSAFE from a test run) changes the outcome.
env -i \
    PATH="$PATH" \
    HOME="${HOME:-/tmp}" \
    LANG="${LANG:-C.UTF-8}" \
    DJANGO_SETTINGS_MODULE=cop_site.settings.production \
    SECRET_KEY="$secret_key" \
    ALLOWED_HOSTS=example.org \
    SITE_URL=https://example.org \
    EMAIL_HOST=smtp.example.org \
    "$python" manage.py check --deploy --fail-level WARNING
