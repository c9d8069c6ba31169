#!/usr/bin/env bash
# Installs what `make test` needs from Debian packages when missing: lua5.1, busted, luacheck,
# luaunit. Needs root (or passwordless sudo) to install; otherwise names what is missing.
set -euo pipefail

missing=()
command -v lua5.1 >/dev/null 2>&1 || missing+=(lua5.1)
command -v busted >/dev/null 2>&1 || missing+=(lua-busted)
command -v luacheck >/dev/null 2>&1 || missing+=(lua-check)
lua5.1 -e 'require("luaunit")' >/dev/null 2>&1 || missing+=(lua-unit)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "make test needs these Debian packages: ${missing[*]}" >&2
  echo "install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
