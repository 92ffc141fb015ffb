#!/usr/bin/env bash
# Set up ./.venv with the dev tools (first run only), install the system packages the tests
# drive, then run every check: ruff check, ruff format --check, mypy, lint-imports and pytest.
# Extra arguments go to pytest:  ./scripts/test.sh -k loader   ./scripts/test.sh tests/unit/test_cli.py
set -euo pipefail

# shellcheck source=scripts/start.sh
source "$(dirname "${BASH_SOURCE[0]}")/start.sh"

# Debian packages the tests need: tmux drives the real terminal app end to end; chromium
# prints the html report to PDF and PNG (tests/test_html_report_print.py).
SYSTEM_PACKAGES=(tmux libasound2-dev espeak-ng gcc chromium)

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

ensure_system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian-like system: make sure these are installed: ${SYSTEM_PACKAGES[*]}"
        return 0
    fi
    local missing=() package
    for package in "${SYSTEM_PACKAGES[@]}"; do
        package_installed "$package" || missing+=("$package")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if ! can_be_root; then
        say "missing system packages: ${missing[*]}; install them as root (apt-get install ${missing[*]}); tests that need them are skipped"
        return 0
    fi
    apt_install "${missing[@]}"
}

FAILED=()

# Run one check, remember it when it fails, and keep going so one run shows every problem.
check() {
    local name="$1"
    shift
    say "running $name"
    if ! "$@"; then
        FAILED+=("$name")
    fi
}

run_tests() {
    cd "$REPO_ROOT"
    ensure_venv
    ensure_system_packages  # first: simpleaudio builds against libasound2-dev
    install_project dev,simpleaudio
    export PATH="$VENV/bin:$PATH"
    check "ruff check" "$VENV/bin/ruff" check .
    check "ruff format --check" "$VENV/bin/ruff" format --check .
    check "mypy" "$VENV/bin/mypy"
    check "lint-imports" "$VENV/bin/lint-imports"
    check "pytest" "$VENV/bin/python" -m pytest "$@"
    if [[ ${#FAILED[@]} -gt 0 ]]; then
        say "FAILED: $(printf '%s; ' "${FAILED[@]}" | sed 's/; $//')"
        exit 1
    fi
    say "all checks passed"
}

run_tests "$@"
