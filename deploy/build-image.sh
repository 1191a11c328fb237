#!/usr/bin/env bash
# Build the Dockerfile where there is no container daemon (these machines, a locked-down CI):
# buildah, as root, with the vfs storage driver and chroot isolation, then check the image
# (runs as a non-root user, static files collected, `manage.py check --deploy`).
#
#   deploy/build-image.sh [TAG]            (default localhost/cicte-tracker:latest)
#
# When the base image cannot be pulled (no access to Docker Hub), a stand-in for it is made
# from Debian bookworm's own packages with debootstrap (Python 3.11, as in the official
# python:3.11-slim-bookworm) and tagged under the base's name locally: good for checking the
# Dockerfile's steps, not for shipping. Behind a TLS-inspecting proxy, BUILD_CA_BUNDLE=path
# lends that CA bundle to the build's RUN steps (mounted read-only, never copied in).
set -euo pipefail
cd "$(dirname "$0")/.."
TAG="${1:-localhost/cicte-tracker:latest}"
BASE="$(sed -n 's/^FROM[[:space:]]\+//p' Dockerfile | head -1)"
export STORAGE_DRIVER=vfs
buildah=(buildah --storage-driver vfs)

need() {
  command -v "$1" >/dev/null && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq "$2" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
  else
    echo "$0: needs $1: install the $2 package (as root: apt-get install $2)" >&2
    exit 2
  fi
}
need buildah buildah

if ! "${buildah[@]}" inspect --type image "$BASE" >/dev/null 2>&1 && ! "${buildah[@]}" pull -q "$BASE" >/dev/null 2>&1; then
  echo "Cannot pull $BASE: making a local stand-in from Debian bookworm (debootstrap)." >&2
  need debootstrap debootstrap
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase --include=python3,python3-venv,python-is-python3 bookworm "$rootfs" \
    http://deb.debian.org/debian >/dev/null
  container="$("${buildah[@]}" from scratch)"
  cp -a "$rootfs/." "$("${buildah[@]}" mount "$container")/"
  "${buildah[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$container"
  "${buildah[@]}" commit -q --rm "$container" "$BASE" >/dev/null
fi

volumes=()
if [ -n "${BUILD_CA_BUNDLE:-}" ]; then
  volumes=(--volume "$BUILD_CA_BUNDLE:/etc/ssl/certs/ca-certificates.crt:ro")
fi
"${buildah[@]}" bud --isolation chroot --pull-never "${volumes[@]}" -t "$TAG" -f Dockerfile .

container="$("${buildah[@]}" from -q "$TAG")"
trap '"${buildah[@]}" rm "$container" >/dev/null' EXIT
"${buildah[@]}" run --isolation chroot "$container" -- sh -ec '
  test "$(id -u)" != 0 || { echo "the image runs as root" >&2; exit 1; }
  test -e staticfiles/staticfiles.json || { echo "no collected static files" >&2; exit 1; }
  DEBUG=false SECRET_KEY=image-check-only-$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=localhost python manage.py check --deploy --fail-level ERROR
'
echo "Built and checked $TAG."
