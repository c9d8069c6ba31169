#!/usr/bin/env bash
# Zips a built addon folder for release: dist/AsyncAwait-<version>.zip holding one folder,
# AsyncAwait/, with the folder's files (the layout CurseForge, Wago and the client expect).
#
#   scripts/package.sh <version> [addon-dir] [dist-dir]
#     addon-dir  the built folder (default addon/AsyncAwait); its own name does not matter
#     dist-dir   where the zip goes (default dist)
#
# Checks before zipping: the folder has AsyncAwait.toc, its `## Version:` is <version> (so a TOC
# still reading @version@ is refused), and every file the TOC lists is there. Dotfiles are left
# out (CurseForge rejects .DS_Store and friends). Uses python3's zipfile (python3 comes with
# Debian's npm), else `zip`. SOURCE_DATE_EPOCH, when set, fixes every entry's timestamp.
set -euo pipefail

NAME=AsyncAwait

die() { echo "package.sh: $*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 3 ] || die "usage: scripts/package.sh <version> [addon-dir] [dist-dir]"
version=$1
src=${2:-addon/$NAME}
dist=${3:-dist}

[[ $version =~ ^[0-9A-Za-z][0-9A-Za-z.+_-]*$ ]] || die "bad version '$version'"
[ -d "$src" ] || die "no addon folder at $src (run make first)"
toc="$src/$NAME.toc"
[ -f "$toc" ] || die "$toc is missing"

toc_version=$(sed -n 's/^##[[:space:]]*Version:[[:space:]]*//p' "$toc" | tr -d '\r' | sed 's/[[:space:]]*$//' | head -n1)
[ "$toc_version" = "$version" ] || die "$toc says Version '$toc_version', expected '$version'"

# Every file the TOC loads (lines that are not blank and not comments; \ separates folders).
while IFS= read -r line; do
  line=${line%$'\r'}
  line=${line%"${line##*[![:space:]]}"}
  case $line in '' | '#'*) continue ;; esac
  [ -f "$src/${line//\\//}" ] || die "$toc lists $line, which is not in $src"
done <"$toc"

mkdir -p "$dist"
out="$dist/$NAME-$version.zip"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT

if command -v python3 >/dev/null 2>&1; then
  python3 - "$src" "$tmp" "$NAME" <<'PY'
import os, sys, time, zipfile

src, out, name = sys.argv[1:4]
epoch = os.environ.get("SOURCE_DATE_EPOCH")
fixed = time.gmtime(int(epoch))[:6] if epoch else None

def entry(arcname, path=None):
    stamp = fixed or time.localtime(os.path.getmtime(path or src))[:6]
    info = zipfile.ZipInfo(arcname, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
    if arcname.endswith("/"):
        info.external_attr = (0o40755 << 16) | 0x10
    else:
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
    return info

with zipfile.ZipFile(out, "w") as zf:
    zf.writestr(entry(name + "/"), b"")
    for root, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(root, src)
        prefix = name + "/" + ("" if rel == "." else rel.replace(os.sep, "/") + "/")
        if rel != ".":
            zf.writestr(entry(prefix, root), b"")
        for f in sorted(files):
            if f.startswith("."):
                continue
            path = os.path.join(root, f)
            with open(path, "rb") as fh:
                zf.writestr(entry(prefix + f, path), fh.read())
PY
elif command -v zip >/dev/null 2>&1; then
  stage=$(mktemp -d)
  trap 'rm -f "$tmp"; rm -rf "$stage"' EXIT
  mkdir "$stage/$NAME"
  cp -R "$src/." "$stage/$NAME/"
  (cd "$stage" && zip -qrX - "$NAME" -x '*/.*') >"$tmp"
else
  die "needs python3 or zip"
fi

mv -f "$tmp" "$out"
echo "$out"
