#!/usr/bin/env bash
# Write requirements-dev.lock: the pinned development environment that scripts/test.sh installs
# (pip install --require-hashes), so every run tests against the same Textual and tools.
# It pins the `dev` dependency group, freefeet's own dependencies and the extras the tests use,
# for Python 3.11 to 3.13 on any platform (environment markers), each file with its hash.
#   ./scripts/lock.sh                           after changing dependencies in pyproject.toml:
#                                               versions already locked are kept where they fit
#   ./scripts/lock.sh --upgrade-package rich    move one package to its newest release
#   ./scripts/lock.sh --upgrade                 move everything (then run the whole suite)
# It uses the uv that scripts/test.sh installed into .venv with the other development tools.
set -euo pipefail

# shellcheck source=scripts/start.sh
source "$(dirname "${BASH_SOURCE[0]}")/start.sh"

# The extras installed for the tests besides the `dev` group: add one here to lock it too.
LOCKED_EXTRAS=(simpleaudio report)

lock() {
    cd "$REPO_ROOT"
    [[ -x "$VENV/bin/uv" ]] || die "no uv in $VENV: run ./scripts/test.sh once first"
    local extras=() extra
    for extra in "${LOCKED_EXTRAS[@]}"; do
        extras+=(--extra "$extra")
    done
    "$VENV/bin/uv" pip compile pyproject.toml --group dev "${extras[@]}" \
        --universal --python-version "$MIN_PYTHON" --generate-hashes \
        --custom-compile-command "./scripts/lock.sh" \
        --output-file "$LOCK_FILE" "$@" >/dev/null
    say "wrote $LOCK_FILE; ./scripts/test.sh installs it on its next run"
}

lock "$@"
