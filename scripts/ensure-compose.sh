#!/usr/bin/env bash
# Makes `docker compose` usable here, to validate docker-compose.yml (infra/test/compose.spec.ts):
# no Docker engine runs on these machines and the docker client has no compose plugin. When
# `docker compose version` fails, takes the compose v2 CLI plugin (a static Go build) from Debian's
# docker-compose package, checks the package's sha256 and keeps the plugin in .data/docker/cli-plugins,
# so that `DOCKER_CONFIG=.data/docker docker compose config` works. `npm test` runs this first.
# Quiet and instant once done. With --print-docker-config it prints the DOCKER_CONFIG to use
# (nothing when the docker client already has compose), so callers need not know the folder.
set -euo pipefail

DEB_URL=http://deb.debian.org/debian/pool/main/d/docker-compose/docker-compose_2.26.1-4_amd64.deb
DEB_SHA256=47681197cb2b1ab88206b42a1a92fc75f50d9530a6322d03494a473eed0408ea
CONFIG_DIR="$(cd "$(dirname "$0")/.." && pwd)/.data/docker"
PLUGIN="$CONFIG_DIR/cli-plugins/docker-compose"

case "${1:-}" in
  '') PRINT=false ;;
  --print-docker-config) PRINT=true ;;
  *) echo "usage: $0 [--print-docker-config]" >&2; exit 64 ;;
esac

fail() {
  echo "ensure-compose: $*" >&2
  exit 1
}

command -v docker >/dev/null 2>&1 || fail "the docker client is missing; install it (only the client is needed, no engine)."
docker compose version >/dev/null 2>&1 && exit 0

print_config_dir() {
  if [ "$PRINT" = true ]; then echo "$CONFIG_DIR"; fi
}
if [ -x "$PLUGIN" ] && DOCKER_CONFIG="$CONFIG_DIR" docker compose version >/dev/null 2>&1; then
  print_config_dir
  exit 0
fi

[ "$(uname -m)" = x86_64 ] || fail "only an amd64 build of the compose plugin is pinned; install docker compose by hand."
command -v curl >/dev/null 2>&1 || fail "curl is needed to download $DEB_URL"
command -v dpkg >/dev/null 2>&1 || fail "dpkg is needed to unpack $DEB_URL"

mkdir -p "$CONFIG_DIR/cli-plugins"
WORK="$(mktemp -d "$CONFIG_DIR/download.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "ensure-compose: fetching the compose plugin from Debian's docker-compose package..." >&2
curl -fsSL --retry 3 -o "$WORK/docker-compose.deb" "$DEB_URL" || fail "could not download $DEB_URL"
echo "$DEB_SHA256  $WORK/docker-compose.deb" | sha256sum --check --status ||
  fail "$DEB_URL does not have the expected sha256 $DEB_SHA256"
dpkg -x "$WORK/docker-compose.deb" "$WORK/unpacked"
EXTRACTED="$WORK/unpacked/usr/libexec/docker/cli-plugins/docker-compose"
[ -f "$EXTRACTED" ] || fail "the package has no usr/libexec/docker/cli-plugins/docker-compose"
chmod 755 "$EXTRACTED"
# Moved in whole, so that a concurrent run never sees a half-written plugin.
mv -f "$EXTRACTED" "$PLUGIN"

DOCKER_CONFIG="$CONFIG_DIR" docker compose version >/dev/null 2>&1 ||
  fail "DOCKER_CONFIG=$CONFIG_DIR docker compose version still fails"
print_config_dir
