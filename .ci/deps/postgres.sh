# Debian's PostgreSQL, which the PostgreSQL store tests start clusters of their own from (run or sourced by
# ./run-tests; idempotent). The tests use the binaries under /usr/lib/postgresql/<version>/bin (initdb, pg_ctl)
# and never the system service: a cluster of their own in a temporary folder, on 127.0.0.1 at a free port.
#   postgresql  - the server (its initdb and pg_ctl); the tests run them as "nobody" when run as root
#   util-linux  - runuser (normally present already)
__infrapivot_postgres_deps() {
    local missing=()
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
    command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
    [ ${#missing[@]} -eq 0 ] && return 0
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
        apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null \
            && apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >/dev/null
    fi
}
__infrapivot_postgres_rc=0
__infrapivot_postgres_deps || __infrapivot_postgres_rc=$?
unset -f __infrapivot_postgres_deps
if [ "$__infrapivot_postgres_rc" -ne 0 ]; then
    echo "postgres.sh: could not install postgresql" >&2
fi
# works both run (bash .ci/deps/postgres.sh) and sourced
return "$__infrapivot_postgres_rc" 2>/dev/null || exit "$__infrapivot_postgres_rc"
