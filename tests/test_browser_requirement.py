"""Without chromium the browser tests skip with an install hint, and fail when KG_REQUIRE_BROWSER=1 (as in CI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _run_browser_tests(require: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_CHROMIUM": str(TESTS / "no-such-chromium"), "KG_REQUIRE_BROWSER": require}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider", "-k", "search_finds_an_alias",
         str(TESTS / "test_browser_html.py")],
        cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=120)


def test_browser_tests_skip_with_install_hint_without_chromium():
    run = _run_browser_tests("")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 skipped" in run.stdout and "apt-get install chromium fonts-wqy-microhei" in run.stdout


def test_browser_tests_fail_without_chromium_when_required():
    run = _run_browser_tests("1")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "KG_REQUIRE_BROWSER=1 but chromium is not installed" in run.stdout
