"""``council-app publish``: the redacted, read-only library for the whole company."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0


def add_parser(command: Callable[..., argparse.ArgumentParser]) -> None:
    publish = command(
        "publish",
        "write a read-only copy of the decided cases, personal data taken out, with a "
        "full-text index and a Datasette metadata file, for the company to read",
        data=False,
    )
    publish.add_argument("-o", "--output", metavar="FILE.sqlite", type=Path, required=True)
    publish.add_argument(
        "--metadata",
        metavar="FILE.json",
        type=Path,
        help="where to write Datasette's metadata (default: beside the copy, FILE.json)",
    )
    publish.add_argument("--force", action="store_true", help="replace files already there")


def cmd_publish(args: argparse.Namespace, library: Callable[..., Any]) -> int:
    from council_app.library.publish import publish

    with library(args, readonly=True) as opened:
        done = publish(opened, args.output, metadata_path=args.metadata, force=args.force)
    plural = "s" if done.cases != 1 else ""
    print(
        f"Published {done.cases} decided case{plural} to {done.path} (read-only), with "
        f"Datasette metadata in {done.metadata}.\n"
        f"Serve it with: datasette serve --immutable {done.path} --metadata {done.metadata}",
        file=sys.stderr,
    )
    return EXIT_OK
