#!/usr/bin/env bash
# Build the Council Desk desktop bundle (PyInstaller, one folder) and check it with its own
# --self-test. Run from anywhere:
#
#   .venv/bin/pip install -e '.[packaging]'   # once: PyInstaller into the project's venv
#   packaging/build.sh
#
# Makes dist/council-desk/ (the app: run dist/council-desk/council-desk) and, on Linux,
# dist/council-desk-VERSION-linux-ARCH.tar.gz with install.sh, the menu entry, the icons and the
# AppStream data inside. PYTHON=/path/to/python picks another interpreter (it must have the
# project and PyInstaller installed). Notes for Windows and macOS: packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
if ! "$python" -m PyInstaller --version >/dev/null 2>&1; then
  echo "build.sh: PyInstaller is not installed for $python; run: $python -m pip install -e '.[packaging]'" >&2
  exit 1
fi
version=$("$python" -c 'import council_app; print(council_app.__version__)')
if [ "$version" = "0+unknown" ]; then
  echo "build.sh: council-desk is not installed for $python (no package metadata to bundle); run: $python -m pip install -e ." >&2
  exit 1
fi
app_id=org.councildesk.CouncilDesk
bundle=dist/council-desk
started=$SECONDS

# Icons first: the spec gives the Windows and macOS executables one.
rm -rf build/icons
"$python" packaging/render_icons.py build/icons --layout flat
if [ "$(uname -s)" = Darwin ] && command -v iconutil >/dev/null 2>&1; then
  "$python" packaging/render_icons.py build/icons/council-desk.iconset --layout iconset
  iconutil -c icns -o build/icons/council-desk.icns build/icons/council-desk.iconset
fi

echo "build.sh: building Council Desk $version with $("$python" -m PyInstaller --version) …"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/council-desk.spec

if [ "$(uname -s)" = Linux ]; then
  # Desktop integration travels inside the bundle; install.sh puts it in place.
  "$python" packaging/render_icons.py "$bundle/share/icons/hicolor" --name "$app_id"
  install -D -m 644 "packaging/linux/$app_id.desktop" "$bundle/share/applications/$app_id.desktop"
  install -D -m 644 "packaging/linux/$app_id.metainfo.xml" "$bundle/share/metainfo/$app_id.metainfo.xml"
  install -m 755 packaging/linux/install.sh "$bundle/install.sh"
  archive="dist/council-desk-$version-linux-$(uname -m).tar.gz"
  tar -C dist -czf "$archive" council-desk
  echo "build.sh: $archive ($(du -sh "$archive" | cut -f1))"
fi
echo "build.sh: $bundle ($(du -sh "$bundle" | cut -f1)) built in $((SECONDS - started)) s; its self-test:"

executable="$bundle/council-desk"
# On Windows the app's .exe has no console; its twin council-app.exe prints the report.
[ -f "$bundle/council-app.exe" ] && executable="$bundle/council-app.exe"
"$executable" --self-test
