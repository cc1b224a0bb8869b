"""The ``newsdesk`` command. Each area registers its commands in its own module."""

from __future__ import annotations

import sys

from newsdesk.cli import (  # noqa: F401  (importing registers the commands)
    articles,
    group,
    publish,
    run,
    settings,
    sources,
    translate,
    understand,
    understand_eval,
    web,
)
from newsdesk.cli.app import app
from newsdesk.errors import NewsdeskError


def main() -> None:
    try:
        app()
    except NewsdeskError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)


__all__ = ["app", "main"]
