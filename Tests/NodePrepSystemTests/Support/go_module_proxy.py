#!/usr/bin/env python3
"""Publishes one version of a Go module into a folder laid out as a module proxy (GOPROXY=file://...).

`go install MODULE/cmd/x@VERSION` then fetches it from the folder, with no network, and builds it the
way a release installed by module path is built: the binary's build information records the main
module with its version and checksum (`mod MODULE VERSION h1:...`), which a build from a checkout
never does (there it is `(devel)`).

Usage: go_module_proxy.py SOURCE_FOLDER PROXY_FOLDER MODULE_PATH VERSION
The source folder holds the module's go.mod at its top. Writes PROXY_FOLDER/MODULE_PATH/@v/{list,
VERSION.info, VERSION.mod, VERSION.zip}, the files the GOPROXY protocol serves.
"""

import json
import os
import sys
import zipfile


def main():
    source, proxy, module, version = sys.argv[1:5]
    versions = os.path.join(proxy, module, "@v")
    os.makedirs(versions, exist_ok=True)
    with open(os.path.join(versions, "list"), "w") as listing:
        listing.write(version + "\n")
    with open(os.path.join(versions, version + ".info"), "w") as info:
        json.dump({"Version": version, "Time": "2025-08-01T00:00:00Z"}, info)
    with open(os.path.join(source, "go.mod"), "rb") as original, open(os.path.join(versions, version + ".mod"), "wb") as copy:
        copy.write(original.read())
    # Every file of the module, under the MODULE@VERSION/ prefix a module zip must use.
    with zipfile.ZipFile(os.path.join(versions, version + ".zip"), "w") as archive:
        for folder, _, names in os.walk(source):
            for name in sorted(names):
                path = os.path.join(folder, name)
                archive.write(path, f"{module}@{version}/{os.path.relpath(path, source)}")


if __name__ == "__main__":
    main()
