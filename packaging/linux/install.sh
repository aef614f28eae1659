#!/bin/sh
# Install this Council Desk bundle: for you alone (default, into ~/.local) or for everyone
# (PREFIX=/usr/local, as root). Puts the bundle in PREFIX/lib/council-desk, the commands
# council-desk and council-app in PREFIX/bin, and the menu entry, icons and AppStream data in
# PREFIX/share. `install.sh --uninstall` removes exactly that again; your case library, in your
# data folder, is never touched either way.
set -eu

app_id=org.councildesk.CouncilDesk
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-"$HOME/.local"}
target="$prefix/lib/council-desk"
share="$prefix/share"
sizes="16 24 32 48 64 128 256 512"

refresh_caches() {
  # Menus pick the entry up on their own (it declares no file types, so there is no MIME cache
  # to update). An icon cache that exists must be kept in step, or the new icons stay unseen;
  # none is created, since a cache nobody refreshes hides the icons other apps add later.
  if [ -f "$share/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$target"
  for command in council-desk council-app; do
    # Only our own links: a council-app installed with pip stays.
    [ -L "$prefix/bin/$command" ] && [ "$(readlink "$prefix/bin/$command")" = "$target/council-desk" ] &&
      rm -f "$prefix/bin/$command"
  done
  rm -f "$share/applications/$app_id.desktop" "$share/metainfo/$app_id.metainfo.xml"
  rm -f "$share/icons/hicolor/scalable/apps/$app_id.svg"
  for size in $sizes; do
    rm -f "$share/icons/hicolor/${size}x$size/apps/$app_id.png"
  done
  refresh_caches
  echo "Council Desk was removed from $prefix. Your case library is where it was."
  exit 0
fi

if [ ! -x "$here/council-desk" ] || [ ! -d "$here/share" ]; then
  echo "install.sh: run me from an unpacked Council Desk bundle (council-desk and share/ beside me)." >&2
  exit 1
fi

# Copy first and swap in at the end, so that a failed copy leaves the earlier install working.
mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/metainfo"
rm -rf "$target.new"
cp -R "$here" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
ln -sf "$target/council-desk" "$prefix/bin/council-desk"
ln -sf "$target/council-desk" "$prefix/bin/council-app"

# The menu entry names the installed command by its full path: ~/.local/bin is often not on the
# PATH that a desktop session starts launchers with.
sed -e "s|^Exec=council-desk|Exec=$prefix/bin/council-desk|" \
    -e "s|^TryExec=council-desk|TryExec=$prefix/bin/council-desk|" \
    "$target/share/applications/$app_id.desktop" >"$share/applications/$app_id.desktop"
cp "$target/share/metainfo/$app_id.metainfo.xml" "$share/metainfo/"
mkdir -p "$share/icons"
cp -R "$target/share/icons/hicolor" "$share/icons/"
refresh_caches

echo "Council Desk is installed in $target."
echo "Start it from your applications menu, or run: $prefix/bin/council-desk"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "($prefix/bin is not on your PATH; add it to run council-desk and council-app by name.)" ;;
esac
