"""The desktop icons are rendered from the one SVG at every size a desktop asks for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from council_app import APP_ID

ROOT = Path(__file__).resolve().parent.parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NAVY = QColor("#1f3b5c")  # the icon's background in resources/icons/council-desk.svg


def render(out: Path, *layout: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "render_icons.py"), str(out), *layout],
        check=True,
        capture_output=True,
        text=True,
    )


def test_hicolor_icons_at_every_size(tmp_path: Path) -> None:
    render(tmp_path)
    for size in SIZES:
        image = QImage(str(tmp_path / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
        assert image.pixelColor(0, 0).alpha() == 0  # rounded corners are transparent
        edge = image.pixelColor(size // 2, size * 89 // 100)  # the tile, below the table
        assert edge.alpha() == 255
        assert abs(edge.red() - NAVY.red()) + abs(edge.blue() - NAVY.blue()) < 40
    svg = tmp_path / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == (ROOT / "resources" / "icons" / "council-desk.svg").read_bytes()


def test_macos_iconset_names(tmp_path: Path) -> None:
    render(tmp_path, "--layout", "iconset")
    names = {p.name: QImage(str(p)).width() for p in tmp_path.iterdir()}
    assert names["icon_16x16.png"] == 16
    assert names["icon_16x16@2x.png"] == 32
    assert names["icon_512x512@2x.png"] == 1024
    assert len(names) == 10
