#!/usr/bin/env python3
"""Builds a one-layer OCI image and pushes it to a registry on host loopback.

The layer holds /nodeprep-e2e.txt. The pull in the guest can only succeed through the
mirror nodeprep configured, because the guest reaches nothing else.

    push_image.py 127.0.0.1:5000 library/nodeprep-e2e 1
"""
import gzip
import hashlib
import io
import json
import sys
import tarfile
import urllib.request

# Talk to loopback directly, whatever proxy the environment names.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def layer():
    content = b"pulled through the nodeprep mirror\n"
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("nodeprep-e2e.txt")
        info.size, info.mode, info.mtime = len(content), 0o644, 0
        tar.addfile(info, io.BytesIO(content))
    uncompressed = raw.getvalue()
    return gzip.compress(uncompressed, mtime=0), digest(uncompressed)


def request(method, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    with opener.open(req) as response:
        return response.status, response.headers


def push_blob(base, name, blob):
    status, headers = request("POST", f"{base}/v2/{name}/blobs/uploads/")
    location = headers["Location"]
    if location.startswith("/"):
        location = base + location
    separator = "&" if "?" in location else "?"
    request("PUT", f"{location}{separator}digest={digest(blob)}", blob,
            {"Content-Type": "application/octet-stream"})


def main():
    registry, name, tag = sys.argv[1:4]
    base = f"http://{registry}"
    compressed, diff_id = layer()
    config = json.dumps({
        "architecture": "amd64",
        "os": "linux",
        "config": {},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    }).encode()
    manifest = json.dumps({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": digest(config), "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": digest(compressed), "size": len(compressed)}],
    }).encode()
    push_blob(base, name, compressed)
    push_blob(base, name, config)
    request("PUT", f"{base}/v2/{name}/manifests/{tag}", manifest,
            {"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    print(f"pushed {registry}/{name}:{tag} {digest(manifest)}")


if __name__ == "__main__":
    main()
