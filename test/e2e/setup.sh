#!/usr/bin/env bash
# Installs what the end-to-end tests need on a fresh Debian machine (run as root):
# Chromium, ripgrep and libkrb5-dev from apt, and code-server 4.100.3 (VS Code 1.100.3, the last
# line that runs on Node 20) into .vscode-test/code-server/, outside the extension's dependencies.
# Idempotent: every step is skipped when its result is already present.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
install_dir="$repo_root/.vscode-test/code-server"
started=$SECONDS

say() { echo "[e2e setup] $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root for: $*"; exit 1; fi
}

# 1. Debian packages
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for tool in make g++ python3; do command -v "$tool" >/dev/null || { missing+=(build-essential python3); break; }; done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
else
  say "chromium, ripgrep, libkrb5-dev already installed"
fi

# 2. code-server, pinned
installed_version=""
if [ -f "$install_dir/node_modules/code-server/package.json" ]; then
  installed_version="$(node -p "require('$install_dir/node_modules/code-server/package.json').version")"
fi
if [ "$installed_version" = "$CODE_SERVER_VERSION" ] && [ -x "$install_dir/node_modules/.bin/code-server" ] \
   && [ -d "$install_dir/node_modules/code-server/lib/vscode/node_modules" ]; then
  say "code-server $CODE_SERVER_VERSION already installed in $install_dir"
else
  # @vscode/ripgrep's postinstall downloads from GitHub, which these machines cannot reach:
  # hand it Debian's rg as its cached download instead.
  cache_dir="$(node -p "require('os').tmpdir()")/$RIPGREP_CACHE_NAME"
  if [ ! -f "$cache_dir/$RIPGREP_ARCHIVE" ]; then
    say "seeding ripgrep download cache in $cache_dir"
    staging="$(mktemp -d)"
    cp "$(command -v rg)" "$staging/rg"
    mkdir -p "$cache_dir"
    tar -czf "$cache_dir/$RIPGREP_ARCHIVE" -C "$staging" rg
    rm -rf "$staging"
  fi
  say "npm install code-server@$CODE_SERVER_VERSION into $install_dir (about a minute)"
  mkdir -p "$install_dir"
  [ -f "$install_dir/package.json" ] || echo '{ "name": "stepwise-e2e-code-server", "private": true }' > "$install_dir/package.json"
  # unsafe_perm: code-server's postinstall refuses to run as root otherwise;
  # yes: nested `npx node-gyp` would wait on a prompt in a non-interactive shell.
  ( cd "$install_dir" && npm_config_yes=true npm_config_unsafe_perm=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" )
fi

"$install_dir/node_modules/.bin/code-server" --version 2>/dev/null | tail -1 | sed 's/^/[e2e setup] code-server /'
say "done in $((SECONDS - started)) s"
