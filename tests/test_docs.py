"""The README documents every setting and every CLI command (a test fails when one is missing)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from newsdesk.cli import app
from newsdesk.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths(group, prefix: str = "") -> list[str]:
    paths: list[str] = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            paths.extend(_command_paths(command, full + " "))
        else:
            paths.append(full)
    return paths


def test_every_setting_is_documented() -> None:
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README]
    assert not missing, f"settings missing from README's configuration table: {missing}"


def test_every_setting_has_its_environment_variable_documented() -> None:
    missing = [s.name for s in SETTINGS if f"NEWSDESK_{s.name.upper()}" not in README]
    assert not missing, f"environment variables missing from README: {missing}"


def test_every_command_is_documented() -> None:
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    commands = _command_paths(root)
    assert "ingest" in commands and "run" in commands
    missing = [c for c in commands if not re.search(rf"newsdesk {re.escape(c)}\b", README)]
    assert not missing, f"commands missing from README: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:1500]
    assert "make run" in head and "make test" in head
