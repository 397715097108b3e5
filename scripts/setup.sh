#!/usr/bin/env bash
# Prepare this checkout on a fresh Debian / Raspberry Pi OS machine: Debian packages that are
# missing, a virtual environment in .venv, and odind installed into it (editable).
#   scripts/setup.sh demo   what `odind demo` needs
#   scripts/setup.sh test   that, plus the test tools and Debian's Chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-demo}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup: need root to run: $*" >&2; return 1; fi
}

missing=()
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || missing+=(python3)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
[ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null || missing+=(mosquitto)
if [ "$purpose" = test ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    command -v npm >/dev/null || missing+=(npm)
    # The tests start a private throwaway PostgreSQL cluster (initdb + pg_ctl); no server needs to run.
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
    # Moonraker (a test peer, below) signs its tokens with libsodium, which its libnacl loads at run time.
    compgen -G '/usr/lib/*/libsodium.so.23' >/dev/null || missing+=(libsodium23)
fi
if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null; then
        echo "setup: installing Debian packages: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
        echo "setup: please install: ${missing[*]} (no apt-get here)" >&2
        exit 1
    fi
fi

extras=""
[ "$purpose" = test ] && extras="[dev]"
stamp=".venv/.installed-${purpose}-$(cat pyproject.toml setup.py | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".${extras}"
    rm -f .venv/.installed-"${purpose}"-*
    touch "$stamp"
fi

# Test peers that pin their own dependencies (OctoPrint an older pydantic among them) each live in a
# virtual environment of their own, which the tests start them from.
peer_venv() {  # peer_venv DIR PACKAGE VERSION
    local dir=$1 package=$2 version=$3
    [ -f "${dir}/.installed-${version}" ] && return 0
    [ -x "${dir}/bin/python" ] || python3 -m venv "$dir"
    "${dir}/bin/python" -m pip install --quiet --upgrade pip
    "${dir}/bin/python" -m pip install --quiet "${package}==${version}"
    touch "${dir}/.installed-${version}"
}
if [ "$purpose" = test ]; then
    peer_venv .venv-octoprint octoprint 1.11.8  # OctoPrint's server and its virtual printer
    peer_venv .venv-moonraker moonraker 0.11.0  # Klipper's API server, for the Moonraker driver
fi

# axe-core checks the pages' accessibility in the browser tests: test-only, from the npm registry into
# ./node_modules (never served, never loaded at run time).
AXE_VERSION=4.10.3
if [ "$purpose" = test ] && [ ! -f "node_modules/.axe-core-${AXE_VERSION}" ]; then
    npm install --silent --no-save --no-audit --no-fund --no-package-lock --prefix . "axe-core@${AXE_VERSION}"
    touch "node_modules/.axe-core-${AXE_VERSION}"
fi
