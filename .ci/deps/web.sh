# Debian packages the web page's browser tests and bench/web need (run or sourced by ./run-tests; idempotent).
#   chromium         - the browser the tests drive (headless)
#   chromium-driver  - chromedriver, which Selenium talks to (/usr/bin/chromedriver, given to it by path)
__infrapivot_web_deps() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
    [ ${#missing[@]} -eq 0 ] && return 0
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
        apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null \
            && apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" >/dev/null
    fi
}
__infrapivot_web_rc=0
__infrapivot_web_deps || __infrapivot_web_rc=$?
unset -f __infrapivot_web_deps
if [ "$__infrapivot_web_rc" -ne 0 ]; then
    echo "web.sh: could not install chromium and chromium-driver" >&2
fi
# works both run (bash .ci/deps/web.sh) and sourced
return "$__infrapivot_web_rc" 2>/dev/null || exit "$__infrapivot_web_rc"
