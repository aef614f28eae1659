"""Render the app icon's PNGs, at the sizes desktops ask for, from its one SVG source.

The PNGs are made at build time rather than committed, so that they cannot drift from
``resources/icons/council-desk.svg``; Qt's SVG renderer (QtSvg, part of PySide6-Essentials)
draws them, so the build needs nothing the app does not already need.

    python packaging/render_icons.py OUT                   # OUT/16x16/apps/NAME.png … (hicolor)
    python packaging/render_icons.py OUT --layout flat     # OUT/council-desk-16.png …
    python packaging/render_icons.py OUT --layout iconset  # macOS: OUT/icon_16x16.png, …@2x
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "council-desk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_ID = "org.councildesk.CouncilDesk"  # council_app.APP_ID, which the tests compare
# The sizes of a macOS .iconset, each also at twice the pixels ("@2x").
ICONSET_SIZES = (16, 32, 128, 256, 512)


def render(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not an SVG that Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"render_icons: cannot write {target}.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the icons into")
    parser.add_argument("--svg", type=Path, default=SOURCE, help="the source (default: the app's)")
    parser.add_argument("--layout", choices=["hicolor", "flat", "iconset"], default="hicolor")
    parser.add_argument("--name", default=APP_ID, help=f"icon name (default: {APP_ID})")
    args = parser.parse_args()
    # QtGui needs no display to draw into an image, but it still loads a platform plugin.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QtSvg needs a QGuiApplication
    written: list[Path] = []
    if args.layout == "hicolor":
        for size in SIZES:
            target = args.out / f"{size}x{size}" / "apps" / f"{args.name}.png"
            render(args.svg, size, target)
            written.append(target)
        scalable = args.out / "scalable" / "apps" / f"{args.name}.svg"
        scalable.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.svg, scalable)
        written.append(scalable)
    elif args.layout == "flat":
        for size in SIZES:
            target = args.out / f"council-desk-{size}.png"
            render(args.svg, size, target)
            written.append(target)
    else:
        for size in ICONSET_SIZES:
            for scale, suffix in ((1, ""), (2, "@2x")):
                target = args.out / f"icon_{size}x{size}{suffix}.png"
                render(args.svg, size * scale, target)
                written.append(target)
    print(f"render_icons: {len(written)} icons in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
