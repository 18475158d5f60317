# Shared by scripts/start and scripts/test: find Python 3.11+, make .venv, install requirements.
# Usage: source scripts/_venv.sh REQUIREMENTS_FILE
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Python 3.11 or newer is needed; install it or set PYTHON=/path/to/python3.11" >&2
    return 1
}

VENV="${VENV:-$ROOT/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
    PY="$(find_python)"
    echo "Creating a virtual environment in $VENV with $PY"
    "$PY" -m venv "$VENV"
fi
# Reinstall only when the requirements change.
STAMP="$VENV/.installed-$(basename "$1")"
if [ ! -f "$STAMP" ] || [ "$1" -nt "$STAMP" ] || [ requirements.txt -nt "$STAMP" ]; then
    echo "Installing $1 into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$1"
    touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
