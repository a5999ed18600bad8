#!/usr/bin/env bash
# Makes a Docker Engine and the static busybox (for the offline test image) available to the test suite.
# Only acts when CI=true (elsewhere Docker tests skip with a reason instead); then, as root:
#   1. installs what is missing of docker.io and busybox-static with apt (one apt-get update first),
#   2. starts dockerd in the background if `docker info` fails (log: $DOCKERD_LOG, default /tmp/dockerd.log),
#   3. waits up to $DOCKER_WAIT_SECONDS (default 60) for `docker info` to succeed.
# Exits non-zero with a message saying which step failed.
set -euo pipefail

log() { echo "ci-docker: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

if [ "${CI:-}" != "true" ]; then
  log "CI is not 'true': leaving Docker alone (Docker tests skip when no Docker Engine answers)."
  exit 0
fi

DOCKERD_LOG="${DOCKERD_LOG:-/tmp/dockerd.log}"
DOCKER_WAIT_SECONDS="${DOCKER_WAIT_SECONDS:-60}"

as_root=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "not root and no sudo: cannot install packages or start dockerd"
  as_root=(sudo -n)
fi

# 1. Packages. A Docker installed some other way (docker-ce) is kept: docker.io only when no docker CLI/daemon.
missing=()
if ! command -v docker >/dev/null 2>&1 || ! command -v dockerd >/dev/null 2>&1; then missing+=(docker.io); fi
if ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
  missing+=(busybox-static)
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" \
    || fail "apt-get install ${missing[*]}"
fi
[ -x /bin/busybox ] || fail "/bin/busybox is missing after installing busybox-static"

# 2. The daemon.
if docker info >/dev/null 2>&1; then
  log "Docker Engine already answers"
  exit 0
fi
log "docker info fails: starting dockerd (log: $DOCKERD_LOG)"
dockerd_pid="$("${as_root[@]}" sh -c "nohup dockerd > '$DOCKERD_LOG' 2>&1 & echo \$!")" || fail "starting dockerd"

# 3. Wait, bounded.
deadline=$(( $(date +%s) + DOCKER_WAIT_SECONDS ))
until docker info >/dev/null 2>&1; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "docker info still fails after ${DOCKER_WAIT_SECONDS}s; last lines of $DOCKERD_LOG:"
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    log "docker info says:"
    docker info 2>&1 | tail -n 5 >&2 || true
    fail "the Docker Engine did not come up"
  fi
  if [ ! -d "/proc/$dockerd_pid" ] || grep -q '^State:[[:space:]]*Z' "/proc/$dockerd_pid/status" 2>/dev/null; then
    log "dockerd is not running; last lines of $DOCKERD_LOG:"
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    fail "dockerd exited"
  fi
  sleep 1
done
log "Docker Engine is up: $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?')"
