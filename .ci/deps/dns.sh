# Debian packages the DNS tests and the bulk-DNS benchmark need (run or sourced by ./run-tests; idempotent).
#   nsd        - the authoritative server the integration tests start on 127.0.0.1
#   dnsutils   - dig, to compare answers in tests
#   adns-tools - adnshost, the peer in bench/dns-bulk
__infrapivot_dns_deps() {
    local missing=()
    command -v nsd >/dev/null 2>&1 || [ -x /usr/sbin/nsd ] || missing+=(nsd)
    command -v dig >/dev/null 2>&1 || missing+=(dnsutils)
    command -v adnshost >/dev/null 2>&1 || missing+=(adns-tools)
    [ ${#missing[@]} -eq 0 ] && return 0
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
        apt-get update -q >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
    fi
    # Debian starts the nsd service on install where a service manager runs; the tests start their own.
    if command -v systemctl >/dev/null 2>&1; then systemctl disable --now nsd >/dev/null 2>&1 || true; fi
}
__infrapivot_dns_rc=0
__infrapivot_dns_deps || __infrapivot_dns_rc=$?
unset -f __infrapivot_dns_deps
if [ "$__infrapivot_dns_rc" -ne 0 ]; then
    echo "dns.sh: could not install nsd, dnsutils and adns-tools" >&2
fi
# works both run (bash .ci/deps/dns.sh) and sourced
return "$__infrapivot_dns_rc" 2>/dev/null || exit "$__infrapivot_dns_rc"
