#!/usr/bin/env bash
# A real PostgreSQL 15 set up like a Supabase project, for `deno task test:postgres`.
#
#   .ci/postgres.sh            install what is missing, start the server, print its URLs
#   .ci/postgres.sh stop       stop the server (the cluster stays for the next start)
#
# What it does, each step skipped when already done (a warm run takes a second or two):
#   1. Debian packages: postgresql-15, postgresql-server-dev-15, libcurl4-openssl-dev (pg_net),
#      libsodium-dev (Vault), build-essential.
#   2. Builds and installs the six extensions from ../shared/vendor/postgres/extensions.
#   3. A cluster in $PG_ROOT (default ${TMPDIR:-/tmp}/ty-ne-odin-pg15), owned by the postgres
#      OS user, listening on 127.0.0.1:$PG_PORT (default 54329, the next free port if taken),
#      with pg_cron, pg_net, supautils and Vault preloaded and Supabase's supautils.conf.
#   4. The database `supabase_base`: Supabase's own setup SQL in the order of supabase/postgres
#      migrations/db/migrate.sh (init scripts as `postgres` while it is still superuser, then
#      the migrations as `supabase_admin`, which demote `postgres`), with the adjustments the
#      vendor README lists. It is a template: the test tier copies it, applies the project's
#      migrations as `postgres` into `ty_ne_odin_template`, and copies that for every test.
#      pg_cron can only be created in `cron.database_name`, hence that name is configured here.
# Writes the URLs to $PG_ROOT/env (the test tier reads it) and prints them.
# A throwaway local server: password `postgres` for every login role, durability settings off.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
vendor=${PG_VENDOR_DIR:-$repo/../shared/vendor/postgres}
root=${PG_ROOT:-${TMPDIR:-/tmp}/ty-ne-odin-pg15}
data=$root/data
bin=/usr/lib/postgresql/15/bin
password=postgres
base_db=supabase_base
template_db=ty_ne_odin_template
# Bump when the setup below changes: a cluster built by another version is rebuilt.
setup_version=2

log() { echo "postgres.sh: $*" >&2; }
die() {
  log "$*"
  exit 1
}
as_postgres() { runuser -u postgres -- "$@"; }

if [ "${1:-}" = "stop" ]; then
  if [ -f "$data/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" -D "$data" stop -m fast; fi
  exit 0
fi
[ "$(id -u)" -eq 0 ] || die "run as root: it installs packages and runs postgres as the postgres user"
[ -d "$vendor/extensions" ] || die "no vendored sources at $vendor (set PG_VENDOR_DIR)"

mkdir -p "$root"
exec 9>"$root/lock"
flock 9

install_packages() {
  local wanted=(postgresql-15 postgresql-server-dev-15 libcurl4-openssl-dev libsodium-dev
    build-essential)
  local missing=() package
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null
}

# Each archive is `git archive <tag>` (no top folder). The stamp names the archive, so a new
# vendored version is built again; the library check catches a reinstalled PostgreSQL.
build_extensions() {
  local libdir archive name lib dir
  libdir=$("$bin/pg_config" --pkglibdir)
  mkdir -p "$root/build"
  for archive in "$vendor"/extensions/*.tar.gz; do
    name=$(basename "$archive" .tar.gz)
    case "${name%%-*}" in
      pgvector) lib=vector ;;
      vault) lib=supabase_vault ;;
      *) lib=${name%%-*} ;;
    esac
    [ -f "$root/build/$name.installed" ] && [ -f "$libdir/$lib.so" ] && continue
    log "building $name"
    dir=$root/build/$name
    rm -rf "$dir"
    mkdir -p "$dir"
    tar -xzf "$archive" -C "$dir"
    make -s -C "$dir" -j"$(nproc)" PG_CONFIG="$bin/pg_config" >"$dir.log" 2>&1 &&
      make -s -C "$dir" PG_CONFIG="$bin/pg_config" install >>"$dir.log" 2>&1 ||
      die "building $name failed, see $dir.log"
    touch "$root/build/$name.installed"
  done
}

setup_hash() {
  {
    echo "$setup_version"
    (cd "$vendor/supabase-base" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

running() { [ -f "$data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

init_cluster() {
  local hash=$1
  if [ -f "$data/PG_VERSION" ] && [ "$(cat "$data/ty_ne_odin_setup" 2>/dev/null)" != "$hash" ]; then
    # Roles are cluster-wide: a half-done or outdated setup is redone from initdb.
    log "rebuilding the cluster (setup changed or incomplete)"
    if running; then as_postgres "$bin/pg_ctl" -D "$data" stop -m immediate >/dev/null; fi
    rm -rf "$data"
  fi
  [ -f "$data/PG_VERSION" ] && return
  as_postgres test -x "$root" || die "the postgres user cannot reach $root (set PG_ROOT)"
  mkdir -p "$data" "$root/run" "$root/log"
  chown postgres:postgres "$data" "$root/run" "$root/log"
  chmod 700 "$data"
  local pwfile=$root/run/pwfile
  echo "$password" >"$pwfile"
  chown postgres "$pwfile"
  log "initdb in $data"
  # The bootstrap superuser is supabase_admin, as in Supabase's image.
  as_postgres "$bin/initdb" -D "$data" -U supabase_admin --pwfile="$pwfile" -E UTF8 \
    --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >"$root/log/initdb.log"
  rm -f "$pwfile"
  echo "include 'ty_ne_odin.conf'" >>"$data/postgresql.conf"
  # A random 32-byte Vault root key, read by supabase_vault at start.
  od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$root/vault.key"
  printf '#!/bin/sh\ncat %s\n' "$root/vault.key" >"$root/vault-getkey"
  chown postgres "$root/vault.key" "$root/vault-getkey"
  chmod 600 "$root/vault.key"
  chmod 700 "$root/vault-getkey"
}

choose_port() {
  if [ -n "${PG_PORT:-}" ]; then
    port=$PG_PORT
  elif [ -f "$root/port" ]; then
    port=$(cat "$root/port")
  else
    port=54329
    while port_taken "$port"; do port=$((port + 1)); done
  fi
  echo "$port" >"$root/port"
}

# Returns 0 when the configuration changed (a running server must restart).
write_config() {
  rm -rf "$root/extension-custom-scripts"
  cp -r "$vendor/supabase-base/extension-custom-scripts" "$root/"
  chown -R postgres "$root/extension-custom-scripts"
  local new=$root/run/ty_ne_odin.conf.new
  {
    cat <<EOF
# Written by .ci/postgres.sh: a throwaway local test server set up like Supabase.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$root/run'
max_connections = 200
timezone = 'UTC'
log_timezone = 'UTC'
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = logical
shared_preload_libraries = 'pg_stat_statements, pg_cron, pg_net, supautils, supabase_vault'
cron.database_name = '$template_db'
cron.host = '$root/run'
vault.getkey_script = '$root/vault-getkey'
EOF
    sed "s|/etc/postgresql-custom/extension-custom-scripts|$root/extension-custom-scripts|" \
      "$vendor/supabase-base/supautils.conf"
  } >"$new"
  chown postgres "$new"
  if cmp -s "$new" "$data/ty_ne_odin.conf"; then
    rm -f "$new"
    return 1
  fi
  mv "$new" "$data/ty_ne_odin.conf"
}

# The server must not inherit the lock (fd 9), or it would hold it for as long as it runs.
start_server() {
  local changed=$1
  if running; then
    [ "$changed" = yes ] || return 0
    log "restarting with the new configuration"
    as_postgres "$bin/pg_ctl" -D "$data" restart -w -t 60 -m fast -l "$root/log/postgres.log" 9>&- \
      >/dev/null
  else
    port_taken "$port" && die "port $port is taken by another server (set PG_PORT)"
    log "starting on 127.0.0.1:$port"
    as_postgres "$bin/pg_ctl" -D "$data" start -w -t 60 -l "$root/log/postgres.log" 9>&- >/dev/null ||
      die "postgres did not start, see $root/log/postgres.log"
  fi
}

psql_as() {
  local user=$1 db=$2
  shift 2
  PGOPTIONS='-c client_min_messages=warning' \
    "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$root/run" -p "$port" -U "$user" -d "$db" "$@"
}

# supabase/postgres migrations/db/migrate.sh: `postgres` is created superuser, the init scripts
# run as `postgres`, then the migrations as `supabase_admin`. Known adjustments (vendor README):
# no pgjwt, Vault from newer/ instead of pgsodium, no pgsodium_keyholder grant.
setup_base() {
  local hash=$1 sql name
  [ "$(cat "$data/ty_ne_odin_setup" 2>/dev/null)" = "$hash" ] && return
  log "applying Supabase's setup SQL to $base_db"
  local base=$vendor/supabase-base
  psql_as supabase_admin postgres <<EOF
create role postgres superuser login password '$password';
alter database postgres owner to postgres;
create database $base_db owner postgres;
EOF
  for sql in "$base"/init-scripts/*.sql; do
    sed '/create extension if not exists pgjwt/d' "$sql" | psql_as postgres "$base_db" -f - \
      >/dev/null || die "init script $(basename "$sql") failed"
  done
  for sql in "$base"/migrations/*.sql; do
    name=$(basename "$sql")
    case "$name" in
      20221207154255_create_pgsodium_and_vault.sql) sql=$base/newer/20221207154255_create_vault.sql ;;
    esac
    sed '/GRANT pgsodium_keyholder to service_role/d' "$sql" |
      psql_as supabase_admin "$base_db" -f - >/dev/null || die "migration $name failed"
  done
  psql_as supabase_admin "$base_db" -f "$base/newer/20250220051611_pg_net_perms_fix.sql" >/dev/null
  # What GoTrue leaves in a live project (auth.uid(), auth.jwt() reading request.jwt.claims).
  psql_as supabase_auth_admin "$base_db" \
    -f "$base/newer/gotrue_20240624145325_recreate_auth_functions.sql" >/dev/null
  psql_as supabase_admin postgres <<EOF
alter role supabase_admin password '$password';
alter role authenticator password '$password';
alter database $base_db with is_template true allow_connections false;
EOF
  echo "$hash" >"$data/ty_ne_odin_setup"
}

write_env() {
  local host=127.0.0.1:$port
  cat >"$root/env" <<EOF
TEST_DATABASE_URL=postgresql://supabase_admin:$password@$host/postgres
TEST_DATABASE_APP_URL=postgresql://postgres:$password@$host/postgres
TEST_DATABASE_AUTHENTICATOR_URL=postgresql://authenticator:$password@$host/postgres
TEST_BASE_DATABASE=$base_db
TEST_TEMPLATE_DATABASE=$template_db
EOF
  cat "$root/env"
}

install_packages
build_extensions
hash=$(setup_hash)
init_cluster "$hash"
choose_port
changed=no
if write_config; then changed=yes; fi
start_server "$changed"
setup_base "$hash"
write_env
