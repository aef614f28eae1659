"""Linux desktop integration: the menu entry and AppStream data validate, name the bundle's
executable and icon, and install.sh puts them in place and takes them away again."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from council_app import APP_ID, __version__

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
INSTALL = LINUX / "install.sh"
SPEC = ROOT / "packaging" / "council-desk.spec"


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install {package}); .ci/run installs it")
    return found


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keep keys as written
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validates() -> None:
    result = subprocess.run(
        [tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint


def test_metainfo_validates() -> None:
    result = subprocess.run(
        [tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_starts_the_bundle_with_its_icon() -> None:
    entry = desktop_entry(DESKTOP)
    spec = SPEC.read_text(encoding="utf-8")
    assert entry["Name"] == "Council Desk"
    assert entry["Exec"] == entry["TryExec"] == "council-desk"
    assert 'NAME = "council-desk"' in spec  # the executable the entry starts
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == "council-desk"


def test_metainfo_names_the_app_and_the_current_release() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert {b.text for b in root.iter("binary")} == {"council-desk", "council-app"}
    releases = root.findall("releases/release")
    assert releases[0].get("version") == __version__  # newest first, and it is this one


def fake_bundle(folder: Path) -> Path:
    """A bundle's shape, as build.sh lays it out, with a stand-in executable."""
    bundle = folder / "council-desk"
    (bundle / "_internal").mkdir(parents=True)
    executable = bundle / "council-desk"
    executable.write_text('#!/bin/sh\necho "bundle ran with: $*"\n', encoding="utf-8")
    executable.chmod(0o755)
    shutil.copy(INSTALL, bundle / "install.sh")
    share = bundle / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copy(DESKTOP, share / "applications")
    shutil.copy(METAINFO, share / "metainfo")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        icon.parent.mkdir(parents=True)
        icon.write_bytes(b"\x89PNG stand-in")
    return bundle


def test_install_and_uninstall(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path / "unpacked")
    prefix = tmp_path / "prefix"
    env = {**os.environ, "PREFIX": str(prefix), "HOME": str(tmp_path / "home")}
    installed = subprocess.run(
        ["sh", str(bundle / "install.sh")], capture_output=True, text=True, env=env, check=False
    )
    assert installed.returncode == 0, installed.stderr
    assert f"Council Desk is installed in {prefix}/lib/council-desk" in installed.stdout

    for command in ("council-desk", "council-app"):
        ran = subprocess.run(
            [str(prefix / "bin" / command), "--self-test"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert ran.stdout == "bundle ran with: --self-test\n"
    entry = desktop_entry(prefix / "share" / "applications" / DESKTOP.name)
    assert entry["Exec"] == f"{prefix}/bin/council-desk"  # launchers may not have ~/.local/bin
    assert (prefix / "share" / "metainfo" / METAINFO.name).is_file()
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        validated = subprocess.run(
            ["desktop-file-validate", str(prefix / "share" / "applications" / DESKTOP.name)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert validated.returncode == 0, validated.stdout

    # Someone else's council-app (a pip install, say) is left alone by the uninstaller.
    (prefix / "bin" / "council-app").unlink()
    (prefix / "bin" / "council-app").write_text("#!/bin/sh\n", encoding="utf-8")
    removed = subprocess.run(
        ["sh", str(bundle / "install.sh"), "--uninstall"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert removed.returncode == 0, removed.stderr
    left = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if not p.is_dir())
    assert left == ["bin/council-app"]


def test_install_refuses_outside_a_bundle(tmp_path: Path) -> None:
    loose = tmp_path / "install.sh"
    shutil.copy(INSTALL, loose)
    result = subprocess.run(
        ["sh", str(loose)],
        capture_output=True,
        text=True,
        env={**os.environ, "PREFIX": str(tmp_path / "prefix")},
        check=False,
    )
    assert result.returncode == 1
    assert "run me from an unpacked Council Desk bundle" in result.stderr
    assert not (tmp_path / "prefix").exists()
