"""Temporary text files for tests of commands that read files."""

import tempfile
import unittest
from pathlib import Path


def write_text_file(test: unittest.TestCase, text: str) -> str:
    """Write `text` (UTF-8) to a temporary .txt file, removed when `test` ends; return its path."""
    handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
    handle.write(text)
    handle.close()
    test.addCleanup(Path(handle.name).unlink)
    return handle.name
