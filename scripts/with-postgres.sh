#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Starts a throwaway PostgreSQL cluster on 127.0.0.1, creates a role and database,
# exports DATABASE_URL pointing at it, runs CMD, then stops the cluster and deletes it.
# Exits with CMD's status. The server binaries come from Debian's postgresql package
# (scripts/install-test-deps.sh installs it).
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "Usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

bindir=$(compgen -G "/usr/lib/postgresql/*/bin" | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "No PostgreSQL server found under /usr/lib/postgresql/*/bin;" \
        "run scripts/install-test-deps.sh (as root) first." >&2
    exit 1
fi

# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "Running as root needs the 'postgres' OS user (created by the postgresql package)." >&2
        exit 1
    fi
    as_owner() { runuser -u postgres -- "$@"; }
else
    as_owner() { "$@"; }
fi

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
port=${PGPORT_TEST:-54329}
for _ in $(seq 1 50); do
    port_in_use "$port" || break
    port=$((port + 1))
done
if port_in_use "$port"; then
    echo "No free port found for the test PostgreSQL server." >&2
    exit 1
fi

workdir=$(mktemp -d /tmp/cop-site-pg.XXXXXX)
chmod 700 "$workdir"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$workdir"
fi
datadir="$workdir/data"
logfile="$workdir/server.log"
started=false

cleanup() {
    if [ "$started" = true ]; then
        (cd "$workdir" && as_owner "$bindir/pg_ctl" -D "$datadir" -m fast -s stop) \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
    echo "$1" >&2
    if [ -f "$logfile" ]; then
        echo "--- PostgreSQL log ---" >&2
        cat "$logfile" >&2
    fi
    exit 1
}

cd "$workdir"
as_owner "$bindir/initdb" -D "$datadir" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 --no-sync >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; fail "initdb failed."; }

# Durability is pointless for a database that is deleted afterwards.
as_owner "$bindir/pg_ctl" -D "$datadir" -l "$logfile" -w -s -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $workdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    || fail "PostgreSQL did not start."
started=true

db=cop_site
role=cop_site
as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE $role LOGIN CREATEDB;" \
    -c "CREATE DATABASE $db OWNER $role;" \
    >/dev/null || fail "Could not create the test role and database."
cd - >/dev/null

export DATABASE_URL="postgres://$role@127.0.0.1:$port/$db"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (DATABASE_URL=$DATABASE_URL)"

status=0
"$@" || status=$?
exit "$status"
