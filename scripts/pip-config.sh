# Sourced by install.sh and test.sh before they run pip.
#
# pip reads its configuration (package index, local wheel directories) from $HOME. When HOME was
# replaced — a CI sandbox, `env -i`, a scratch home — pip would lose the account's package
# sources and find nothing. Then fall back to the account's own pip configuration, unless the
# user chose one with PIP_CONFIG_FILE. Also fail fast instead of retrying an unreachable index
# for minutes, unless the user set PIP_RETRIES.
export PIP_RETRIES="${PIP_RETRIES:-0}"
if [ -z "${PIP_CONFIG_FILE:-}" ] && [ ! -r "$HOME/.config/pip/pip.conf" ] && [ ! -r "$HOME/.pip/pip.conf" ]; then
  rivulet_account_home="$(getent passwd "$(id -u)" 2>/dev/null | cut -d: -f6 || true)"
  for rivulet_pip_conf in "$rivulet_account_home/.config/pip/pip.conf" "$rivulet_account_home/.pip/pip.conf"; do
    if [ -n "$rivulet_account_home" ] && [ "$rivulet_account_home" != "$HOME" ] && [ -r "$rivulet_pip_conf" ]; then
      export PIP_CONFIG_FILE="$rivulet_pip_conf"
      break
    fi
  done
  unset rivulet_account_home rivulet_pip_conf
fi
