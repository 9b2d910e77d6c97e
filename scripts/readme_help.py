"""Rewrite the README's command reference from the real ``--help`` output.

Run ``make readme`` after changing a command; ``tests/test_cli.py`` fails while the two differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from typer.testing import CliRunner

from trucewatch.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```text\n\$ (trucewatch [^\n]*--help)\n.*?```", re.S)


def render(match: re.Match[str]) -> str:
    command = match.group(1)
    result = CliRunner().invoke(app, command.split()[1:], terminal_width=100)
    if result.exit_code != 0:
        sys.exit(f"{command} failed: {result.output}")
    return f"```text\n$ {command}\n{result.stdout.strip()}\n```"


def main() -> None:
    text = README.read_text()
    README.write_text(BLOCK.sub(render, text))


if __name__ == "__main__":
    main()
