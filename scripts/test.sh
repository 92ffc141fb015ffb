#!/usr/bin/env bash
# Set up ./.venv with the pinned development tools of requirements-dev.lock (again only when it
# or pyproject.toml changed), install the system packages the tests drive, then run every check:
# ruff check, ruff format --check, mypy, lint-imports and pytest (on several workers).
# Extra arguments go to pytest:  ./scripts/test.sh -k loader   ./scripts/test.sh tests/unit/test_cli.py
set -euo pipefail

# shellcheck source=scripts/start.sh
source "$(dirname "${BASH_SOURCE[0]}")/start.sh"

# Debian packages the tests need, one a line: add yours with a word on what needs it.
SYSTEM_PACKAGES=(
    tmux           # drives the real terminal app end to end
    libasound2-dev # ALSA: simpleaudio builds against it, the sound tests write to its file sink
    gcc            # builds simpleaudio
    espeak-ng      # speaks the cues in the voice tests
    chromium       # prints the html report to PDF and PNG (tests/e2e/test_html_report_print.py)
)

# pytest-xdist workers. Most of the suite waits on real-time sound and terminals rather than
# computing, so twice as many workers as cores keeps both cores busy. `-n 0` on the command line
# runs in one process (for a debugger), `-n N` chooses another number.
PYTEST_WORKERS=$(($(nproc) * 2))

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

# Install requirements-dev.lock (every file checked against its hash) and freefeet itself,
# editable and built by the locked hatchling: nothing unpinned comes in.
install_dev() {
    local digest
    digest="$(install_digest "$PYPROJECT" "$LOCK_FILE")"
    stamp_is "$VENV/.freefeet-dev" "$digest" && return 0
    say "installing the development tools into $VENV (pip install -r requirements-dev.lock)"
    "$VENV/bin/python" -m pip install --quiet --require-hashes -r "$LOCK_FILE"
    say "installing freefeet into $VENV (pip install -e .)"
    "$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation -e "$REPO_ROOT"
    printf '%s\n' "$digest" >"$VENV/.freefeet-dev"
}

# The xdist options, unless the arguments choose a number of workers themselves. loadgroup
# keeps the tests of one xdist_group (tests/unit/test_packaging.py's wheel) on one worker.
worker_options() {
    local argument
    for argument in "$@"; do
        [[ "$argument" == -n* || "$argument" == --numprocesses* ]] && return 0
    done
    printf '%s\n' -n "$PYTEST_WORKERS" --dist loadgroup
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
    install_dev
    export PATH="$VENV/bin:$PATH"
    check "ruff check" "$VENV/bin/ruff" check .
    check "ruff format --check" "$VENV/bin/ruff" format --check .
    check "mypy" "$VENV/bin/mypy"
    check "lint-imports" "$VENV/bin/lint-imports"
    local workers
    mapfile -t workers < <(worker_options "$@")
    check "pytest" "$VENV/bin/python" -m pytest "${workers[@]}" "$@"
    if [[ ${#FAILED[@]} -gt 0 ]]; then
        say "FAILED: $(printf '%s; ' "${FAILED[@]}" | sed 's/; $//')"
        exit 1
    fi
    say "all checks passed"
}

run_tests "$@"
