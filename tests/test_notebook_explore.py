"""notebooks/explore.ipynb runs top to bottom on the current code, in a kernel on this test's Python."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _text(cell) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        parts.extend(str(v) for v in out.get("data", {}).values())
    return "".join(parts)


def test_notebook_explore_runs_on_the_current_code(tmp_path, monkeypatch):
    # A kernel spec of our own, pointing at this interpreter (the project's .venv), so no other
    # Jupyter installation on the machine can supply the kernel.
    spec = tmp_path / "jupyter" / "kernels" / "kg-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kg test", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))  # which Python ran it
    NotebookClient(nb, kernel_name="kg-test", timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()

    *code, probe = [c for c in nb.cells if c.cell_type == "code"]
    assert Path(_text(probe).strip()).resolve() == Path(sys.executable).resolve()
    assert all(c.get("outputs") for c in code), "every code cell shows something"
    assert not [o for c in code for o in c["outputs"] if o.get("output_type") == "error"]
    texts = [_text(c) for c in code]
    assert "5 documents built, 0 skipped" in texts[0]
    assert "entities," in texts[1]
    assert "PARK:" in texts[2] and "COMPANY:" in texts[2]
    assert "kg:Park |" in texts[5] and all("rows)" in t for t in texts[5:8])
    assert "<iframe srcdoc=" in texts[-1] and "kg-data" in texts[-1]
