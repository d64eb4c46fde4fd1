#!/usr/bin/env bash
# The test command: builds everything and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
export PIP_RETRIES="${PIP_RETRIES-0}"  # only when unset: a value you chose (even empty) stays

# The notebook tests drive the bundled kernel through nbclient, from the project's .venv (the
# same one install.sh creates); made here when missing, reused when present.
ensure_notebook_venv() {
  if [ -x .venv/bin/python ] && .venv/bin/python -c "import nbclient, nbformat, jupyter_client" 2>/dev/null; then
    return
  fi
  command -v python3 >/dev/null 2>&1 || {
    echo "test.sh: python3 is missing: install Python 3.9 or newer (the notebook tests run Jupyter clients)" >&2
    exit 1
  }
  echo "==> Creating .venv with nbclient for the notebook tests"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv || {
      echo "test.sh: could not create .venv: install the venv module (for example: apt-get install python3-venv)" >&2
      exit 1
    }
  fi
  # shellcheck source=scripts/pip-config.sh
  . scripts/pip-config.sh
  .venv/bin/python -m pip install -q nbclient nbformat jupyter_client
}

ensure_notebook_venv
exec mvn -B -ntp verify -Drivulet.python="$PWD/.venv/bin/python" "$@"
