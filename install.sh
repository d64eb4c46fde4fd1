#!/usr/bin/env bash
# Builds Rivulet and runs the quick-start flow end to end.
set -euo pipefail
cd "$(dirname "$0")"
export PIP_RETRIES="${PIP_RETRIES:-0}"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "install.sh: $1 is missing: $2" >&2; exit 1; }
}
need java "install a JDK 17 or newer (for example: apt-get install openjdk-17-jdk)"
need mvn "install Apache Maven 3.8 or newer (for example: apt-get install maven)"

echo "==> Building Rivulet (mvn install, tests skipped; run ./test.sh for them)"
mvn -B -ntp -q -DskipTests install

echo "==> Putting the rivulet command on the PATH (a link in ~/.local/bin)"
mkdir -p "$HOME/.local/bin"
ln -sfn "$PWD/bin/rivulet" "$HOME/.local/bin/rivulet"
case ":$PATH:" in
  *":$HOME/.local/bin:"*) echo "    rivulet is ready: try 'rivulet run --help'" ;;
  *) echo "    $HOME/.local/bin is not on your PATH; add this line to ~/.bashrc (or ~/.profile):"
     echo "      export PATH=\"\$HOME/.local/bin:\$PATH\""
     echo "    or run $PWD/bin/rivulet directly" ;;
esac

echo "==> Running the quick-start word count"
java -cp "examples/target/classes:runtime/target/classes:$(ls runtime/target/lib/*.jar examples/target/lib/*.jar 2>/dev/null | tr '\n' ':')" \
  examples.WordCount examples/data/book.txt 2
