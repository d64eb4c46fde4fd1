#!/usr/bin/env bash
# Builds Rivulet and runs the quick-start flow end to end, then sets up the notebook side: the
# "Java (Rivulet)" Jupyter kernel (and Rivulet-enabled copies of IJava/JJava kernels it finds),
# finishing with the quick-start notebook run headless.
#
# usage: ./install.sh [--no-build] [--uninstall]
#   --no-build   use the existing build (for example after ./test.sh) instead of building again
#   --uninstall  remove the kernelspecs, files and link this script installed (keeps .venv and target/)
set -euo pipefail
cd "$(dirname "$0")"
export PIP_RETRIES="${PIP_RETRIES-0}"  # only when unset: a value you chose (even empty) stays

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "install.sh: $1 is missing: $2" >&2; exit 1; }
}

KERNEL_NAME=rivulet
RIVULET_DATA="${XDG_DATA_HOME:-$HOME/.local/share}/rivulet"
EXTENSION_DIR="$RIVULET_DATA/extension"

build() {
  echo "==> Building Rivulet (mvn install, tests skipped; run ./test.sh for them)"
  mvn -B -ntp -q -DskipTests install
}

# The `rivulet` command (bin/rivulet, from the CLI work): a link in ~/.local/bin.
install_launcher() {
  [ -x bin/rivulet ] || return 0
  echo "==> Putting the rivulet command on the PATH (a link in ~/.local/bin)"
  mkdir -p "$HOME/.local/bin"
  ln -sfn "$PWD/bin/rivulet" "$HOME/.local/bin/rivulet"
  case ":$PATH:" in
    *":$HOME/.local/bin:"*) echo "    rivulet is ready: try 'rivulet run --help'" ;;
    *) echo "    $HOME/.local/bin is not on your PATH; add this line to ~/.bashrc (or ~/.profile):"
       echo "      export PATH=\"\$HOME/.local/bin:\$PATH\""
       echo "    or run $PWD/bin/rivulet directly" ;;
  esac
}

run_quickstart_flow() {
  echo "==> Running the quick-start word count"
  java -cp "examples/target/classes:runtime/target/classes:$(ls runtime/target/lib/*.jar examples/target/lib/*.jar 2>/dev/null | tr '\n' ':')" \
    examples.WordCount examples/data/book.txt 2
}

# ---- notebook side: Jupyter, the Rivulet kernel, IJava/JJava copies, the quick-start notebook ----

# Sets JUPYTER and PYTHON (a Python with nbclient). Uses the project's .venv, else a Jupyter on
# PATH, else creates .venv with JupyterLab, nbclient, nbconvert and ipykernel.
setup_jupyter() {
  if [ -x .venv/bin/jupyter ] && .venv/bin/python -c "import nbclient, jupyterlab" 2>/dev/null; then
    JUPYTER="$PWD/.venv/bin/jupyter"
    PYTHON="$PWD/.venv/bin/python"
    return
  fi
  if command -v jupyter >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1 \
      && python3 -c "import nbclient" 2>/dev/null; then
    JUPYTER="$(command -v jupyter)"
    PYTHON="$(command -v python3)"
    echo "==> Using the Jupyter on PATH: $JUPYTER"
    return
  fi
  need python3 "install Python 3.9 or newer with its venv module (for example: apt-get install python3 python3-venv)"
  echo "==> Creating .venv with JupyterLab, nbclient and nbconvert (pip; this takes a minute or two)"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv || {
      echo "install.sh: could not create .venv: install Python's venv module (for example: apt-get install python3-venv)" >&2
      exit 1
    }
  fi
  # shellcheck source=scripts/pip-config.sh
  . scripts/pip-config.sh
  .venv/bin/python -m pip install -q jupyterlab nbclient nbconvert ipykernel || {
    echo "install.sh: pip could not install JupyterLab into .venv (see the messages above; PIP_RETRIES=$PIP_RETRIES)" >&2
    exit 1
  }
  JUPYTER="$PWD/.venv/bin/jupyter"
  PYTHON="$PWD/.venv/bin/python"
}

# The bundled kernel: its jars travel inside the kernelspec folder, so `mvn clean` cannot break it.
install_rivulet_kernel() {
  [ -d kernel-ext/target/kernel/lib ] || {
    echo "install.sh: kernel-ext/target/kernel/lib is missing: run ./install.sh without --no-build" >&2
    exit 1
  }
  echo "==> Installing the Jupyter kernel \"Java (Rivulet)\" (kernelspec '$KERNEL_NAME')"
  local spec
  spec="$(mktemp -d)/$KERNEL_NAME"
  mkdir -p "$spec/lib"
  cp kernel-ext/target/kernel/lib/*.jar "$spec/lib/"
  java -cp "kernel-ext/target/kernel/lib/*" dev.rivulet.kernel.KernelSpec "$spec" --bundled >/dev/null
  "$JUPYTER" kernelspec install --user --replace --name "$KERNEL_NAME" "$spec" >/dev/null
  rm -rf "$(dirname "$spec")"
  # A class-data archive of what a kernel loads, written where Jupyter starts it from: the kernel
  # is then idle within a second (docs/notebooks.md#install). Without one it only starts slower.
  local installed
  installed="$("$JUPYTER" kernelspec list --json | python3 -c \
    'import json, sys; print(json.load(sys.stdin)["kernelspecs"][sys.argv[1]]["resource_dir"])' "$KERNEL_NAME")"
  echo "    writing the kernel's class-data archive (a warm-up run, ~10 s)"
  java -cp "$installed/lib/*" dev.rivulet.kernel.KernelArchive "$installed" >/dev/null || true
}

# Rivulet for a user's own IJava or JJava: the extension jars in $EXTENSION_DIR, and a copy of
# each IJava/JJava kernelspec that puts them on the kernel's class path. Each copy is tried (a
# one-cell %run_main and a %spawn_cluster -p2) and reported as working or not.
install_kernel_copies() {
  rm -rf "$EXTENSION_DIR"
  mkdir -p "$EXTENSION_DIR"
  cp kernel-ext/target/extension/*.jar "$EXTENSION_DIR/"
  "$PYTHON" kernel-ext/scripts/kernel_copies.py "$EXTENSION_DIR" --smoke || {
    echo "install.sh: Rivulet does not work in some IJava/JJava copies (see above); \"Java (Rivulet)\" does" >&2
    KERNEL_COPIES_FAILED=1
  }
}

run_quickstart_notebook() {
  echo "==> Running notebooks/01-quickstart.ipynb headless with the \"Java (Rivulet)\" kernel"
  local out
  out="$(mktemp -d)"
  "$PYTHON" kernel-ext/scripts/run_notebook.py notebooks/01-quickstart.ipynb "$out/01-quickstart.ipynb" \
    --kernel "$KERNEL_NAME" --print-cell sortOn || {
    echo "install.sh: the quick-start notebook failed; the executed copy is $out/01-quickstart.ipynb" >&2
    exit 1
  }
  rm -rf "$out"
}

uninstall_notebook() {
  local jupyter=""
  if [ -x .venv/bin/jupyter ]; then jupyter="$PWD/.venv/bin/jupyter"; elif command -v jupyter >/dev/null 2>&1; then jupyter="$(command -v jupyter)"; fi
  if [ -n "$jupyter" ]; then
    local name
    for name in $("$jupyter" kernelspec list 2>/dev/null | awk 'NR > 1 { print $1 }'); do
      if [ "$name" = "$KERNEL_NAME" ] || [[ "$name" == *-rivulet ]]; then
        "$jupyter" kernelspec uninstall -y "$name" >/dev/null && echo "==> Removed kernelspec '$name'"
      fi
    done
  else
    echo "install.sh: no jupyter found; kernelspecs (if any) were left in place" >&2
  fi
  rm -rf "$RIVULET_DATA"
  echo "==> Removed $RIVULET_DATA"
  if [ -L "$HOME/.local/bin/rivulet" ] && [ "$(readlink "$HOME/.local/bin/rivulet")" = "$PWD/bin/rivulet" ]; then
    rm "$HOME/.local/bin/rivulet"
    echo "==> Removed the link $HOME/.local/bin/rivulet"
  fi
  echo "    Left in place: .venv (rm -rf .venv) and the build output (mvn clean)."
}

main() {
  local do_build=1
  for arg in "$@"; do
    case "$arg" in
      --uninstall) uninstall_notebook; exit 0 ;;
      --no-build) do_build=0 ;;
      -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
      *) echo "install.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
  done
  need java "install a JDK 17 or newer (for example: apt-get install openjdk-17-jdk)"
  if [ "$do_build" = 1 ]; then
    need mvn "install Apache Maven 3.8 or newer (for example: apt-get install maven)"
    build
  fi
  install_launcher
  run_quickstart_flow
  setup_jupyter
  install_rivulet_kernel
  install_kernel_copies
  run_quickstart_notebook
  if [ "${KERNEL_COPIES_FAILED:-0}" = 1 ]; then
    echo "==> Done, except for the IJava/JJava copies reported above as not working."
  fi
  echo "==> Start Jupyter with: ${JUPYTER%/jupyter}/jupyter lab   (then pick the kernel \"Java (Rivulet)\")"
}

main "$@"
