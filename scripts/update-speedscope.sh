#!/usr/bin/env bash
# Refreshes the speedscope viewer bundled in the API (api-server/src/main/resources/viewer/speedscope/) from the npm
# registry: `scripts/update-speedscope.sh 1.25.0`. The release files are committed, so neither the build nor CI needs
# npm or the network; this script is only for updating them. Needs npm and tar.
set -euo pipefail
version="${1:?usage: $0 <speedscope version, e.g. 1.25.0>}"
cd "$(dirname "$0")/.."
target=api-server/src/main/resources/viewer/speedscope
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "speedscope@$version" >/dev/null)
tar -xzf "$work/speedscope-$version.tgz" -C "$work"
release="$work/package/dist/release"
license="$(node -p "require('$work/package/package.json').license")"
[ "$license" = "MIT" ] || { echo "speedscope@$version is licensed $license, not MIT: not updated" >&2; exit 1; }
rm -rf "$target" && mkdir -p "$target"
# The viewer's page, script, style and font, with both licences. Left out: the example profile, the JFR importer's
# WebAssembly, favicons and the schema (the API's viewer only opens its own speedscope JSON).
cp "$release/index.html" "$release"/speedscope-*.js "$release"/speedscope-*.css "$release"/*.woff2 \
   "$release/release.txt" "$release/source-code-pro.LICENSE.md" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE"
(cd "$target" && ls -1 | sort) > "$work/files" && mv "$work/files" "$target/files.txt"
echo "speedscope@$version ($(npm view "speedscope@$version" dist.integrity)) in $target:"
cat "$target/files.txt"
