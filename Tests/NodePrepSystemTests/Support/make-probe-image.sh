#!/bin/sh
# Builds a one-layer OCI image layout without any network, for the registry round trips of the
# system tests.
#
# usage: make-probe-image.sh LAYOUT_DIR TAG MARKER
#
# The layer holds one file, etc/nodeprep-probe, whose content is MARKER, so a test can tell its
# own image from any other. Everything is reproducible (fixed mtime, owner and gzip header): the
# same MARKER always gives the same digests. Prints the digests as `name=sha256:...` lines.
set -eu

layout=$1
tag=$2
marker=$3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/rootfs/etc" "$layout/blobs/sha256"
printf '%s\n' "$marker" > "$work/rootfs/etc/nodeprep-probe"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
    -C "$work/rootfs" -cf "$work/layer.tar" etc
gzip -n -9 -c "$work/layer.tar" > "$work/layer.tar.gz"

digest_of() { sha256sum "$1" | cut -d' ' -f1; }
size_of() { stat -c %s "$1"; }

# Stores a file as a blob of the layout and prints its hex digest.
store_blob() {
    d=$(digest_of "$1")
    cp "$1" "$layout/blobs/sha256/$d"
    echo "$d"
}

diff_id=$(digest_of "$work/layer.tar")
layer=$(store_blob "$work/layer.tar.gz")

printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$diff_id" > "$work/config.json"
config=$(store_blob "$work/config.json")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config" "$(size_of "$work/config.json")" "$layer" "$(size_of "$work/layer.tar.gz")" \
    > "$work/manifest.json"
manifest=$(store_blob "$work/manifest.json")

printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest" "$(size_of "$work/manifest.json")" "$tag" > "$layout/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"

echo "manifest=sha256:$manifest"
echo "config=sha256:$config"
echo "layer=sha256:$layer"
