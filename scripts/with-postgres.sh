#!/usr/bin/env bash
# Runs COMMAND with a throwaway PostgreSQL server on a unix socket in a temporary directory.
#
#   scripts/with-postgres.sh COMMAND [ARGS...]
#
# The server listens on no TCP address, only on a socket in a fresh `mktemp -d` directory.
# Authentication is `trust` for every role except `moltres_pw`, which must give its password
# (scram-sha-256) so tests can check the wrong-password error.
# The command sees:
#   MOLTRES_TEST_POSTGRES_URL   postgresql://postgres@/moltres_test?host=<dir>&port=<port>
#   MOLTRES_TEST_POSTGRES_DIR   the socket (and data) directory
#   MOLTRES_TEST_POSTGRES_PORT  the port number that names the socket
#   MOLTRES_TEST_POSTGRES_BIN   the PostgreSQL bin directory (pg_ctl, psql, ...)
# The server is always stopped and the directory removed, whatever happens; the script exits
# with the command's status.
#
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` OS user
# (created by the postgresql package); otherwise it runs as the current user.
# Set MOLTRES_POSTGRES_BIN to choose a PostgreSQL bin directory; otherwise the newest installed one is used.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 64
fi

log() { echo "with-postgres: $*" >&2; }
die() {
    log "error: $*"
    exit 1
}

find_bin_dir() {
    if [[ -n "${MOLTRES_POSTGRES_BIN:-}" ]]; then
        [[ -x "$MOLTRES_POSTGRES_BIN/pg_ctl" ]] || die "MOLTRES_POSTGRES_BIN=$MOLTRES_POSTGRES_BIN has no pg_ctl"
        echo "$MOLTRES_POSTGRES_BIN"
        return
    fi
    local newest=""
    if [[ -d /usr/lib/postgresql ]]; then
        newest=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null |
            grep -E '^[0-9]+$' | sort -n | tail -n 1 || true)
    fi
    if [[ -n "$newest" && -x "/usr/lib/postgresql/$newest/bin/pg_ctl" ]]; then
        echo "/usr/lib/postgresql/$newest/bin"
        return
    fi
    if command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    die "no PostgreSQL server found (looked in /usr/lib/postgresql/*/bin and PATH); run scripts/bootstrap.sh or: apt-get install -y postgresql"
}

BIN=$(find_bin_dir)
for tool in initdb pg_ctl pg_isready psql; do
    [[ -x "$BIN/$tool" ]] || die "$BIN/$tool is missing"
done

# Run a PostgreSQL tool as the server's OS user.
if [[ $(id -u) -eq 0 ]]; then
    id -u postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' OS user to run the server as"
    as_server_user() { runuser -u postgres -- "$@"; }
    SERVER_USER=postgres
else
    as_server_user() { "$@"; }
    SERVER_USER=$(id -un)
fi

# /tmp rather than $TMPDIR: a socket path must stay under ~100 bytes, and the server user must reach it.
DIR=$(mktemp -d /tmp/moltres-pg.XXXXXX)
DATA="$DIR/data"
LOGFILE="$DIR/server.log"
STARTED=0

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ $STARTED -eq 1 ]]; then
        as_server_user "$BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
            log "warning: pg_ctl stop failed"
    fi
    rm -rf "$DIR"
    exit "$status"
}
CHILD=""
forward() {
    local signal=$1 code=$2
    if [[ -n "$CHILD" ]]; then kill "-$signal" "$CHILD" 2>/dev/null || true; wait "$CHILD" 2>/dev/null || true; fi
    exit "$code"
}
trap cleanup EXIT
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM

chmod 0755 "$DIR"
if [[ $(id -u) -eq 0 ]]; then chown "$SERVER_USER" "$DIR"; fi

# A free port number: it only names the socket file, but must not clash with another server in the same dir.
PORT=$(( (RANDOM % 20000) + 40000 ))

if ! as_server_user "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-sync >"$DIR/initdb.log" 2>&1; then
    # Older clusters may not know the C.UTF-8 locale; retry with plain C.
    rm -rf "$DATA"
    if ! as_server_user "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C \
        --no-sync >"$DIR/initdb.log" 2>&1; then
        cat "$DIR/initdb.log" >&2
        die "initdb failed"
    fi
fi

# moltres_pw must authenticate with a password over the socket; everyone else is trusted.
{
    echo "local all moltres_pw scram-sha-256"
    echo "local all all trust"
} >"$DATA/pg_hba.conf"
{
    echo "listen_addresses = ''"
    echo "unix_socket_directories = '$DIR'"
    echo "port = $PORT"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
    echo "password_encryption = 'scram-sha-256'"
    echo "max_connections = 100"
} >>"$DATA/postgresql.conf"
if [[ $(id -u) -eq 0 ]]; then chown "$SERVER_USER" "$DATA/pg_hba.conf" "$DATA/postgresql.conf"; fi

if ! as_server_user "$BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 -s start; then
    log "the server did not start; its log follows"
    cat "$LOGFILE" >&2 || true
    die "pg_ctl start failed"
fi
STARTED=1

ready=0
for _ in $(seq 1 100); do
    if "$BIN/pg_isready" -q -h "$DIR" -p "$PORT"; then
        ready=1
        break
    fi
    sleep 0.1
done
if [[ $ready -ne 1 ]]; then
    log "the server is not accepting connections; its log follows"
    cat "$LOGFILE" >&2 || true
    die "pg_isready timed out"
fi

psql_admin() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres "$@"; }
psql_admin -d postgres -c "CREATE DATABASE moltres_test ENCODING 'UTF8' TEMPLATE template0" ||
    die "could not create database moltres_test"
psql_admin -d postgres -c "CREATE ROLE moltres_pw LOGIN PASSWORD 'moltres-secret-pw'" ||
    die "could not create role moltres_pw"

export MOLTRES_TEST_POSTGRES_URL="postgresql://postgres@/moltres_test?host=$DIR&port=$PORT"
export MOLTRES_TEST_POSTGRES_DIR="$DIR"
export MOLTRES_TEST_POSTGRES_PORT="$PORT"
export MOLTRES_TEST_POSTGRES_BIN="$BIN"
log "$("$BIN/postgres" --version) on socket $DIR port $PORT"

# The command runs in the background so a TERM or INT sent to this script is handled at once
# (bash runs traps only between foreground commands); the trap passes the signal on to the command.
set +e
"$@" <&0 &
CHILD=$!
wait "$CHILD"
status=$?
# A trapped signal interrupts `wait`; wait again for the command to finish after it got the signal.
while kill -0 "$CHILD" 2>/dev/null; do
    wait "$CHILD"
    status=$?
done
set -e
exit "$status"
