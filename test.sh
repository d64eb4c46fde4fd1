#!/usr/bin/env bash
# The test command: builds everything and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
export PIP_RETRIES="${PIP_RETRIES:-0}"

# The notebook tests drive the bundled kernel through nbclient, from the project's .venv (the
# same one install.sh creates); made here when missing, reused when present. When no Python
# package source is reachable at all, the notebook tests are skipped with a loud warning rather
# than failing every other test with them.
notebook_flags=()
ensure_notebook_venv() {
  if [ -x .venv/bin/python ] && .venv/bin/python -c "import nbclient, nbformat, jupyter_client" 2>/dev/null; then
    notebook_flags=("-Drivulet.python=$PWD/.venv/bin/python")
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
  if .venv/bin/python -m pip install -q nbclient nbformat jupyter_client; then
    notebook_flags=("-Drivulet.python=$PWD/.venv/bin/python")
  else
    echo "test.sh: WARNING: pip could not install nbclient (no reachable package source);" >&2
    echo "test.sh: WARNING: the notebook tests (NotebookIT) are SKIPPED in this run." >&2
    notebook_flags=("-DskipITs=true")
  fi
}

# The browser check (BrowserNotebookIT) opens notebooks in JupyterLab with headless Chromium
# (Debian's chromium package) driven by puppeteer-core (npm). Installed here when possible: as
# root with apt-get for Chromium, pip for JupyterLab, npm for puppeteer-core. Whatever is missing
# skips that one test with a loud warning; the rest of the suite runs.
browser_flags=()
ensure_browser_check() {
  local why="" log
  log="$(mktemp)"
  if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing Chromium (apt-get install chromium) for the browser check"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1 \
      || tail -3 "$log" >&2
  fi
  command -v chromium >/dev/null 2>&1 || why="Chromium is not installed (apt-get install chromium)"
  if [ -z "$why" ] && ! .venv/bin/python -c "import jupyterlab" 2>/dev/null; then
    echo "==> Installing JupyterLab into .venv for the browser check"
    .venv/bin/python -m pip install -q jupyterlab >"$log" 2>&1 || why="pip could not install JupyterLab"
  fi
  if [ -z "$why" ] && [ ! -d kernel-ext/src/test/browser/node_modules/puppeteer-core ]; then
    echo "==> Installing puppeteer-core (npm) for the browser check"
    if ! command -v npm >/dev/null 2>&1; then
      why="npm is missing (apt-get install npm)"
    elif ! (cd kernel-ext/src/test/browser && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
      why="npm could not install puppeteer-core"
    fi
  fi
  rm -f "$log"
  if [ -n "$why" ]; then
    echo "test.sh: WARNING: $why: the browser check (BrowserNotebookIT) is SKIPPED in this run." >&2
  else
    browser_flags=("-Drivulet.chromium=$(command -v chromium)")
  fi
}

ensure_notebook_venv
if [ "${notebook_flags[0]}" != "-DskipITs=true" ]; then
  ensure_browser_check
fi
exec mvn -B -ntp verify "${notebook_flags[@]}" "${browser_flags[@]}" "$@"
