#!/usr/bin/env bash
# Packages a release tree (make release-tree) the way the BigWigs packager does, offline:
#
#   scripts/package.sh <version> [tree] [dist-dir]
#     tree      the release tree (default build/release): the built folder with its .pkgmeta
#     dist-dir  where the zip goes (default dist)
#
# The packager's steps, as far as this tree needs them: read .pkgmeta (package-as names the
# folder; ignore lists paths left out), copy the tree's files but dotfiles and ignored paths
# into that folder, replace @project-version@ with <version> in .toc, .lua, .xml and .md files,
# and zip it as <package-as>-<version>.zip. Then checks what a release must hold: the TOC's
# version, every file the TOC lists, no keyword left. SOURCE_DATE_EPOCH fixes timestamps.
set -euo pipefail
die() { echo "package.sh: $*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 3 ] || die "usage: scripts/package.sh <version> [tree] [dist-dir]"
version=$1
tree=${2:-build/release}
dist=${3:-dist}
[[ $version =~ ^[0-9A-Za-z][0-9A-Za-z.+_-]*$ ]] || die "bad version '$version'"
[ -f "$tree/.pkgmeta" ] || die "no .pkgmeta in $tree (run make release-tree first)"
command -v python3 >/dev/null 2>&1 || die "needs python3"
mkdir -p "$dist"

python3 - "$version" "$tree" "$dist" <<'PY'
import os, re, sys, time, zipfile

version, tree, dist = sys.argv[1:4]

def die(message):
    sys.exit("package.sh: " + message)

# .pkgmeta: the few keys a release of this tree uses (YAML subset: "key: value", "key:" + "  - item").
name, ignore, key = None, [], None
for raw in open(os.path.join(tree, ".pkgmeta"), encoding="utf-8"):
    line = raw.split("#", 1)[0].rstrip()
    if not line.strip():
        continue
    item = re.match(r"^\s+-\s*(.+)$", line)
    if item and key == "ignore":
        ignore.append(item.group(1).strip().strip("'\"").rstrip("/"))
        continue
    pair = re.match(r"^([\w-]+):\s*(.*)$", line)
    if pair:
        key, value = pair.group(1), pair.group(2).strip()
        if key == "package-as":
            name = value
if not name:
    die(".pkgmeta has no package-as")

def ignored(rel):
    return any(rel == p or rel.startswith(p + "/") for p in ignore)

files = {}
for root, dirs, names in os.walk(tree):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    for f in sorted(names):
        if f.startswith("."):
            continue
        rel = os.path.relpath(os.path.join(root, f), tree).replace(os.sep, "/")
        if ignored(rel):
            continue
        data = open(os.path.join(root, f), "rb").read()
        if f.rsplit(".", 1)[-1].lower() in ("toc", "lua", "xml", "md"):
            data = data.replace(b"@project-version@", version.encode())
        files[rel] = data

toc = files.get(name + ".toc")
if toc is None:
    die(f"{name}.toc is missing")
text = toc.decode("utf-8")
found = re.search(r"^##\s*Version:\s*(.*?)\s*$", text, re.M)
if not found or found.group(1) != version:
    die(f"{name}.toc says Version '{found.group(1) if found else ''}', expected '{version}'")
for line in text.splitlines():
    line = line.strip()
    if line and not line.startswith("#") and line.replace("\\", "/") not in files:
        die(f"{name}.toc lists {line}, which is not in the package")
for rel, data in files.items():
    if b"@project-version@" in data:
        die(f"{rel} still holds @project-version@")

epoch = os.environ.get("SOURCE_DATE_EPOCH")
stamp = time.gmtime(int(epoch))[:6] if epoch else time.localtime()[:6]
out = os.path.join(dist, f"{name}-{version}.zip")
with zipfile.ZipFile(out + ".tmp", "w") as zf:
    dirs = sorted({name + "/" + "/".join(rel.split("/")[:i]) + "/" for rel in files for i in range(1, rel.count("/") + 1)} | {name + "/"})
    for d in dirs:
        info = zipfile.ZipInfo(d.replace("//", "/"), date_time=stamp)
        info.external_attr = (0o40755 << 16) | 0x10
        zf.writestr(info, b"")
    for rel in sorted(files):
        info = zipfile.ZipInfo(f"{name}/{rel}", date_time=stamp)
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, files[rel])
os.replace(out + ".tmp", out)
print(out)
PY
