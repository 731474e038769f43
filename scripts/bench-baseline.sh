#!/usr/bin/env bash
# The seed job nodeprep replaces, written the way a boot script would do it, as the yardstick for
# scripts/bench: one IMDSv2 token PUT, the user data and local-ipv4 GETs with curl, then a containerd
# drop-in and one hosts.toml per mirrored registry, each written to a temporary file and renamed.
# It does not decode or validate the user data (it only saves it) and does not fsync.
#
# Usage: bench-baseline.sh ROOT [REGISTRY...]     (no REGISTRY: the _default folder)
# IMDS: AWS_EC2_METADATA_SERVICE_ENDPOINT (default http://169.254.169.254).
set -euo pipefail

root=${1:?usage: bench-baseline.sh ROOT [REGISTRY...]}
shift
registries=("$@")
((${#registries[@]})) || registries=(_default)
imds=${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}
curl_options=(--silent --show-error --fail --noproxy '*' --max-time 5 --retry 3)

token=$(curl "${curl_options[@]}" -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 21600" "$imds/latest/api/token")
mkdir -p "$root/var/lib/seed" "$root/etc/containerd/config.d"
curl "${curl_options[@]}" -H "X-aws-ec2-metadata-token: $token" -o "$root/var/lib/seed/user-data" \
    "$imds/latest/user-data"
node_ip=$(curl "${curl_options[@]}" -H "X-aws-ec2-metadata-token: $token" "$imds/latest/meta-data/local-ipv4")

# Writes stdin to FILE through a temporary file in the same folder, so readers never see half of it.
write_file() {
    cat >"$1.tmp.$$"
    mv -f "$1.tmp.$$" "$1"
}

write_file "$root/etc/containerd/config.d/10-mirror.toml" <<EOF
version = 2
[plugins."io.containerd.grpc.v1.cri".containerd]
discard_unpacked_layers = false
[plugins."io.containerd.grpc.v1.cri".registry]
config_path = "/etc/containerd/certs.d"
EOF

mkdir -p "${registries[@]/#/$root/etc/containerd/certs.d/}"
for registry in "${registries[@]}"; do
    server=""
    [[ $registry == _default ]] || server="server = 'https://$registry'"
    write_file "$root/etc/containerd/certs.d/$registry/hosts.toml" <<EOF
$server

[host.'http://$node_ip:30020']
capabilities = ['pull', 'resolve']
dial_timeout = '200ms'
EOF
done
