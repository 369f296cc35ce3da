# Shared by start.sh and test.sh: make .venv and install the project into it, idempotently.
# Re-installs only when pyproject.toml changed since the last install (a stamp holds its hash).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    # Debian packages by name; only when missing.
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing Debian packages: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/pip ]; then
    # Debian ships venv without ensurepip until python3-venv is installed: try, and install it on failure.
    if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
        rm -rf .venv
        ver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        apt_install python3-venv "python${ver}-venv"
        "$PYTHON" -m venv .venv
    fi
fi

install_project() {
    # $1: pip extras spec, e.g. "." or ".[test]"
    local spec="$1" stamp=".venv/.installed-$(echo "$1" | tr -c 'a-z' '_')"
    local want
    want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e "$spec"
        echo "$want" > "$stamp"
    fi
}
