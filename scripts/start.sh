#!/usr/bin/env bash
# Set up freefeet in ./.venv (first run only) and start it; arguments go to `freefeet`.
#   ./scripts/start.sh                              the lesson browser
#   ./scripts/start.sh play pre-run-hip-extension   straight into a lesson
# scripts/test.sh sources this file for the setup functions, so keep `main` guarded below.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.venv"
PYPROJECT="$REPO_ROOT/pyproject.toml"
LOCK_FILE="$REPO_ROOT/requirements-dev.lock"  # the pinned dev environment (scripts/lock.sh)
MIN_PYTHON="3.11"
APT_UPDATED=0

say() { printf 'freefeet: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# The python3 to build the virtualenv from: the newest of 3.13/3.12/3.11, else python3 if >= 3.11.
find_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        return 127
    fi
}

can_be_root() { [[ "$(id -u)" -eq 0 ]] || command -v sudo >/dev/null 2>&1; }

# apt-get install the given Debian packages, running `apt-get update` at most once per script.
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; please install: $*"
    can_be_root || die "need root or sudo to install: $* (install them and run again)"
    if [[ "$APT_UPDATED" -eq 0 ]]; then
        say "updating the package lists (apt-get update)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    say "installing $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# The Debian package that provides `venv`/`ensurepip` for this interpreter.
venv_package() {
    local python="$1" version
    version="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    if apt-cache show "python${version}-venv" >/dev/null 2>&1; then
        echo "python${version}-venv"
    else
        echo "python3-venv"
    fi
}

venv_works() {
    [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

# Create .venv unless a working one is there; installs python3-venv when Debian lacks it.
ensure_venv() {
    venv_works && return 0
    local python
    python="$(find_python)" || die "freefeet needs Python ${MIN_PYTHON} or newer (python3.11, python3.12 or python3.13); please install one"
    [[ -e "$VENV" ]] && say "the virtualenv in $VENV is incomplete; creating it again"
    rm -rf "$VENV"
    say "creating $VENV with $python"
    if ! "$python" -m venv "$VENV" >/dev/null 2>&1; then
        rm -rf "$VENV"
        local package
        package="$(venv_package "$python")"
        say "$python cannot create a virtualenv; installing $package"
        apt_install "$package"
        "$python" -m venv "$VENV" || die "could not create $VENV with $python"
    fi
    venv_works || die "the new virtualenv in $VENV has no working pip"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip ||
        say "could not upgrade pip in $VENV; carrying on with the one it has"
}

# One digest of the given files: an install is redone only when the files it came from change.
install_digest() { cat "$@" | sha256sum | cut -d' ' -f1; }

stamp_is() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

# pip install freefeet (editable) with its dependencies, unless .venv has it already from this
# pyproject.toml: an app install by this script, or the development install of scripts/test.sh.
install_app() {
    stamp_is "$VENV/.freefeet-dev" "$(install_digest "$PYPROJECT" "$LOCK_FILE")" && return 0
    local digest
    digest="$(install_digest "$PYPROJECT")"
    stamp_is "$VENV/.freefeet-app" "$digest" && return 0
    say "installing freefeet into $VENV (pip install -e .)"
    "$VENV/bin/python" -m pip install --quiet -e "$REPO_ROOT"
    printf '%s\n' "$digest" >"$VENV/.freefeet-app"
}

on_path() { [[ ":$PATH:" == *":$1:"* ]]; }

# Say how to type `freefeet` in any folder, unless the `freefeet` on the PATH is this one.
path_hint() {
    local command="$VENV/bin/freefeet" found
    found="$(command -v freefeet 2>/dev/null || true)"
    if [[ -n "$found" ]]; then
        [[ "$(readlink -f "$found")" == "$(readlink -f "$command")" ]] ||
            say "note: the \`freefeet\` on your PATH is $found, not this checkout's $command"
        return 0
    fi
    say "to type \`freefeet\` in any folder, link it into ~/.local/bin:"
    printf '    mkdir -p ~/.local/bin && ln -sf %q ~/.local/bin/freefeet\n' "$command" >&2
    if ! on_path "$HOME/.local/bin"; then
        # shellcheck disable=SC2016  # printed for the user to run, not expanded here
        printf '    export PATH="$HOME/.local/bin:$PATH"   # and add this line to ~/.profile\n' >&2
    fi
}

main() {
    cd "$REPO_ROOT"
    ensure_venv
    install_app
    path_hint
    exec "$VENV/bin/freefeet" "$@"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
