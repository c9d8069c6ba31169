#!/usr/bin/env bash
# Packages a tree the way the BigWigs packager does, offline:
#
#   scripts/package.sh <version> [tree] [dist-dir]
#     tree      the tree to package (default build/release, the release tree): a folder with
#               a .pkgmeta, its TOC named by package-as
#     dist-dir  where the zip goes (default dist)
#
# The packager's steps, as far as a release of this library or an addon embedding it needs them
# (checked against the packager's release.sh -d; README, "Cutting a release"):
#   - .pkgmeta: package-as names the folder; ignore lists shell patterns left out; externals
#     are fetched with the packager's own git commands: a url alone clones the default branch,
#     tag: latest checks out the newest tag among those the last 50 commits of the default
#     branch carry (the default branch when none), tag:/branch: clone that ref, commit: checks
#     it out. Each external is copied the same way, minus its own .pkgmeta's ignores, its
#     @project-version@ being its tag (or git describe). Only local repositories (file:// or a
#     path): this never reaches the network.
#   - dotfiles are left out; .lua, .md, .toc, .txt and .xml files get @project-version@ replaced
#     and CRLF line endings; other files are copied unchanged.
#   - the changelog: manual-changelog's file when the tree has it, else a CHANGELOG.md of the
#     tree's commits (the packager's warning when the manual one is missing).
#   - the zip, <package-as>-<version>.zip, of the <package-as>/ folder.
# Then, beyond the packager (which checks none of this and exits 0 without the Lua), what a
# release must hold: the TOC's version, every file the TOC lists, no keyword left.
# Prints the zip's path on stdout, the packager's external messages on stderr.
# SOURCE_DATE_EPOCH fixes timestamps.
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
import fnmatch, os, re, shutil, subprocess, sys, tempfile, time, zipfile

version, tree, dist = sys.argv[1:4]

def die(message):
    sys.exit("package.sh: " + message)

def say(message):
    print(message, file=sys.stderr)

def read_pkgmeta(path):
    """The keys a package uses (YAML subset: "key: value", "key:" + "  - item",
    "key:" + "  name: value" + "    key: value")."""
    meta = {"ignore": [], "externals": [], "package-as": None, "manual-changelog": None}
    if not os.path.isfile(path):
        return meta
    section, external = None, None
    for raw in open(path, encoding="utf-8"):
        if re.match(r"^\s*#", raw):
            continue
        line = raw.rstrip("\r\n")
        line = re.sub(r"\s+#.*$", "", line).rstrip()
        if not line.strip():
            continue
        top = re.match(r"^([\w-]+):\s*(.*)$", line)
        if top:
            section, value = top.group(1), top.group(2).strip().strip("'\"")
            if section == "package-as":
                meta["package-as"] = value
            elif section == "manual-changelog" and value:
                meta["manual-changelog"] = value
            continue
        item = re.match(r"^\s+-\s*(.+)$", line)
        if item and section == "ignore":
            meta["ignore"].append(item.group(1).strip().strip("'\""))
            continue
        pair = re.match(r"^(\s+)([^:\s][^:]*):\s*(.*)$", line)
        if not pair:
            continue
        key, value = pair.group(2).strip(), pair.group(3).strip().strip("'\"")
        if section == "manual-changelog" and key == "filename":
            meta["manual-changelog"] = value
        elif section == "externals":
            if key in ("url", "tag", "branch", "commit", "type", "path", "curse-slug") and external:
                external[key] = value
                if key in ("tag", "branch", "commit"):
                    external["ref"], external["kind"] = value, key
            else:
                external = {"dir": key, "url": value or None, "ref": None, "kind": None}
                meta["externals"].append(external)
    return meta

def ignore_patterns(meta, root):
    # The packager matches each path against the patterns as shell wildcards (* crosses "/");
    # a pattern naming a directory stands for everything under it.
    patterns = []
    for item in meta["ignore"]:
        item = item.rstrip("/")
        if item.endswith("/*"):
            item = item[:-2]
        patterns.append(item + "/*" if os.path.isdir(os.path.join(root, item)) else item)
    return patterns

TEXT = ("lua", "md", "toc", "txt", "xml")

def filtered(name, data, project_version):
    if name.rsplit(".", 1)[-1].lower() not in TEXT:
        return data
    data = data.replace(b"@project-version@", project_version.encode())
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")

def copy_tree(root, meta, prefix, project_version, files, outer=()):
    # outer: the package's own patterns, which apply to its externals' files too.
    patterns = [prefix + p for p in ignore_patterns(meta, root)] + list(outer)
    for base, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(names):
            if f.startswith("."):
                continue
            rel = os.path.relpath(os.path.join(base, f), root).replace(os.sep, "/")
            if any(fnmatch.fnmatchcase(prefix + rel, p) for p in patterns):
                continue
            data = open(os.path.join(base, f), "rb").read()
            files[prefix + rel] = filtered(f, data, project_version)

def git(*args, cwd=None, check=True):
    env = dict(os.environ, GIT_ALLOW_PROTOCOL="file", GIT_TERMINAL_PROMPT="0")
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        die(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()

def fetch_external(external, work):
    """The packager's checkout_external for git, offline: the same clones, the same choice of tag."""
    url, ref, kind = external["url"], external["ref"], external["kind"]
    if not url:
        die(f"external {external['dir']} has no url")
    url = url.rstrip("/")
    if not (url.startswith("file://") or url.startswith("/")):
        die(f"external {external['dir']}: {url} is not a local repository (file:// or a path); this runs offline")
    checkout = os.path.join(work, external["dir"].replace("/", "_"))
    say(f"Fetching external: {external['dir']}")
    if not ref:
        say(f"Fetching latest version of external {url}")
        git("clone", "-q", "--depth", "1", url, checkout)
    elif ref != "latest":
        say(f'Fetching {kind} "{ref}" from external {url}')
        if kind == "commit":
            git("clone", "-q", url, checkout)
            git("checkout", "-q", ref, cwd=checkout)
        else:
            git("-c", "advice.detachedHead=false", "clone", "-q", "--depth", "1", "--branch", ref, url, checkout)
    else:
        git("clone", "-q", "--depth", "50", url, checkout)
        tag = git("for-each-ref", "refs/tags", "--sort=-creatordate", "--format=%(refname:short)", "--count=1", cwd=checkout)
        if tag:
            say(f'Fetching tag "{tag}" from external {url}')
            git("checkout", "-q", tag, cwd=checkout)
        else:
            say(f"Fetching latest version of external {url}")
    say("Checked out " + git("describe", "--always", "--tags", "--abbrev=7", "--long", cwd=checkout))
    # @project-version@ of an external: the tag at its HEAD, else git describe.
    at_head = git("tag", "--points-at", "HEAD", "--sort=-v:refname", cwd=checkout).splitlines()
    project_version = at_head[0] if at_head else git("describe", "--tags", "--always", "--abbrev=7", cwd=checkout)
    root = os.path.join(checkout, external.get("path") or "")
    return root, read_pkgmeta(os.path.join(checkout, ".pkgmeta")), project_version

meta = read_pkgmeta(os.path.join(tree, ".pkgmeta"))
name = meta["package-as"]
if not name:
    die(".pkgmeta has no package-as")

files = {}
copy_tree(tree, meta, "", version, files)
if meta["externals"]:
    work = tempfile.mkdtemp()
    try:
        for external in meta["externals"]:
            root, external_meta, project_version = fetch_external(external, work)
            prefix = external["dir"].strip("/") + "/"
            for rel in [r for r in files if r.startswith(prefix)]:
                del files[rel]
            copy_tree(root, external_meta, prefix, project_version, files, ignore_patterns(meta, tree))
    finally:
        shutil.rmtree(work, ignore_errors=True)

changelog = meta["manual-changelog"]
if changelog and changelog not in files:
    say(f"Warning! Could not find a manual changelog at {tree}/{changelog}")
    changelog = None
if not changelog:
    commits = ""
    if os.path.isdir(os.path.join(tree, ".git")):
        commits = git("log", "--format=- %s", cwd=tree, check=False)
    files["CHANGELOG.md"] = filtered("CHANGELOG.md", f"# {name}\n\n## {version}\n\n{commits}\n".encode(), version)

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
