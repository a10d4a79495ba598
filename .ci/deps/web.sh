# What the web page's browser tests and bench/web need (run or sourced by ./run-tests; idempotent).
#   chromium         - the browser WebPageIT drives (headless) through Selenium
#   chromium-driver  - chromedriver, which Selenium talks to (/usr/bin/chromedriver, given to it by path)
#   firefox-esr      - the browser WebPageFirefoxIT drives (headless) over WebDriver BiDi (no geckodriver:
#                      Debian does not package it)
#   nodejs, npm      - run puppeteer-core, the BiDi client (only when node/npm are not installed already,
#                      e.g. from NodeSource; Debian's nodejs does not bring npm)
# and then puppeteer-core itself, pinned by src/test/node/package-lock.json, into target/firefox-driver
# (src/test/node/install.sh; WebPageFirefoxIT runs it too: a no-op once installed).
__infrapivot_web_deps() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
    [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
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
    echo "web.sh: could not install chromium, chromium-driver, firefox-esr, nodejs and npm" >&2
elif ! bash "$(dirname "${BASH_SOURCE[0]}")/../../src/test/node/install.sh"; then
    echo "web.sh: could not install puppeteer-core into target/firefox-driver (src/test/node/install.sh)" >&2
    __infrapivot_web_rc=1
fi
# works both run (bash .ci/deps/web.sh) and sourced
return "$__infrapivot_web_rc" 2>/dev/null || exit "$__infrapivot_web_rc"
