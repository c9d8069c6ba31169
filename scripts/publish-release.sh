#!/usr/bin/env bash
# Publishes the release tree (make release-tree) on the `release` branch of a git remote, one
# commit per release on top of the last, tagged with the bare version:
#
#   scripts/publish-release.sh <version> [remote] [tree]
#     remote  a remote name or URL (default origin)
#     tree    default build/release
#
# The branch then holds the built addon folder at its root: what the BigWigs packager packages
# (its TOC's @project-version@ becomes the tag, <version>; its changelog is the tree's
# CHANGELOG.md) and what other addons' .pkgmeta externals pull (branch: release, or
# tag: <version>). Source tags are v<version>: they and the default branch hold the source tree,
# whose lib.xml fails loudly (NotBuilt.lua). The commit message is the version's changelog section.
set -euo pipefail
die() { echo "publish-release.sh: $*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 3 ] || die "usage: scripts/publish-release.sh <version> [remote] [tree]"
version=$1
remote=${2:-origin}
tree=${3:-build/release}
[ -f "$tree/.pkgmeta" ] || die "no release tree at $tree (run make release-tree first)"
[ -f "$tree/AsyncAwait.lua" ] && [ -f "$tree/LibStub/LibStub.lua" ] || die "$tree holds no built Lua"
[ ! -e "$tree/NotBuilt.lua" ] || die "$tree is a source tree (NotBuilt.lua)"
# The version's section of CHANGELOG.md: from its "## <version>" heading to the next "## ".
notes=$(awk -v v="$version" '/^## / { on = ($2 == v) ; next } on' "$tree/CHANGELOG.md" 2>/dev/null | sed '/./,$!d')
[ -n "$notes" ] || die "$tree/CHANGELOG.md has no '## $version' section"
url=$(git remote get-url "$remote" 2>/dev/null || echo "$remote")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if git ls-remote --exit-code --heads "$url" release >/dev/null 2>&1; then
  git clone -q --branch release --single-branch "$url" "$work"
else
  git init -q "$work"
  git -C "$work" checkout -q -b release
  git -C "$work" remote add origin "$url"
fi
find "$work" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
cp -R "$tree"/. "$work"/
git -C "$work" add -A
git -C "$work" -c user.name="AsyncAwait release" -c user.email="release@asyncawait.invalid" \
  commit -q --allow-empty -m "Release $version" -m "$notes"
git -C "$work" tag "$version"
git -C "$work" push -q origin release "refs/tags/$version"
echo "published $version on the release branch of $url"
