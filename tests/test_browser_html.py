"""The HTML explorer in a real browser: Debian's chromium driven by Playwright (no browser download).

Where chromium is missing these tests skip with how to install it; with KG_REQUIRE_BROWSER=1 (set by
.ci/run) they fail instead, so CI cannot pass without running them. KG_CHROMIUM names another chromium binary.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.export.html import write_html
from kg.graph import to_networkx

from test_html_export import HOSTILE, make_kg

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
INSTALL_HINT = ("install it with `sudo apt-get install chromium fonts-wqy-microhei` (Debian/Ubuntu), "
                "then `pip install playwright` (no `playwright install` needed)")


def _chromium() -> str | None:
    """Debian's chromium, or the browser KG_CHROMIUM names (and then only that one)."""
    override = os.environ.get("KG_CHROMIUM")
    for candidate in (override,) if override else ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def _missing(reason: str) -> None:
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"KG_REQUIRE_BROWSER=1 but {reason}; {INSTALL_HINT}", pytrace=False)
    pytest.skip(f"{reason}; {INSTALL_HINT}")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    if executable is None:
        _missing("chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """One loaded explorer page and everything it reported: console errors, requests, dialogs."""

    def __init__(self, browser, path: Path) -> None:  # type: ignore[no-untyped-def]
        self.page = browser.new_page(viewport={"width": 1500, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-kg-ready='1']", timeout=60_000)

    def js(self, expression: str, arg: object = None):  # type: ignore[no-untyped-def]
        return self.page.evaluate(expression, arg)

    def dom_point(self, node_id: str) -> dict[str, float]:
        """Where a node is drawn, in page coordinates."""
        return self.js("""id => {
            const net = kgExplorer.network, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('kg-network').getBoundingClientRect();
            return {x: p.x + box.left, y: p.y + box.top};
        }""", node_id)

    def click_edge(self, edge_ids: list[str]) -> str:
        """Click the middle of the first edge that is the only thing under its midpoint and a few pixels
        around it (a click lands on whole pixels, and another edge may cross nearby); return its id."""
        edge_id = self.js("""ids => {
            const net = kgExplorer.network;
            const box = document.getElementById('kg-network').getBoundingClientRect();
            for (const id of ids) {
                const [a, b] = net.getConnectedNodes(id);
                net.fit({nodes: [a, b], animation: false});
                const pos = net.getPositions([a, b]);
                const mid = net.canvasToDOM({x: (pos[a].x + pos[b].x) / 2, y: (pos[a].y + pos[b].y) / 2});
                const around = [[0, 0], [-3, 0], [3, 0], [0, -3], [0, 3], [-3, -3], [3, 3], [-3, 3], [3, -3]]
                    .map(([dx, dy]) => ({x: mid.x + dx, y: mid.y + dy}));
                if (around.every(p => net.getEdgeAt(p) === id && net.getNodeAt(p) === undefined)) {
                    window.__kgClick = {x: mid.x + box.left, y: mid.y + box.top};
                    return id;
                }
            }
            return null;
        }""", edge_ids)
        assert edge_id, "no edge could be clicked on its own"
        point = self.js("window.__kgClick")
        self.page.mouse.click(point["x"], point["y"])
        return edge_id

    def focus_state(self, node_id: str) -> dict:
        """Selection, details title and how far the view centre is from the node, once the view settles."""
        state_js = """id => {
            const net = kgExplorer.network, view = net.getViewPosition(), pos = net.getPositions([id])[id];
            const title = document.getElementById('kg-details-title');
            return {selected: net.getSelectedNodes(), dx: Math.abs(view.x - pos.x), dy: Math.abs(view.y - pos.y),
                    title: title ? title.textContent : null};
        }"""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:  # the focus animation runs a few hundred milliseconds
            self.page.wait_for_function(f"id => {{ const s = ({state_js})(id); return s.dx < 1 && s.dy < 1; }}",
                                        arg=node_id, timeout=5_000)
        except PlaywrightTimeout:
            pass  # the asserts on the state say what is wrong
        return self.js(state_js, node_id)

    def details(self) -> str:
        return self.page.inner_text("#kg-details")


@pytest.fixture(scope="module")
def seeds_page_path(seeds_build) -> Path:  # type: ignore[no-untyped-def]
    _, out = seeds_build
    return out / "graph.html"


@pytest.fixture
def seeds_page(browser, seeds_page_path) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    page = Page(browser, seeds_page_path)
    yield page
    page.page.close()


def test_browser_page_loads_offline_without_errors(seeds_page):
    assert seeds_page.errors == []
    assert seeds_page.requests == [seeds_page.page.url]
    assert seeds_page.js("kgExplorer.network.physics.physicsEnabled") is False
    ARTIFACTS.mkdir(exist_ok=True)
    seeds_page.page.screenshot(path=str(ARTIFACTS / "explorer-seeds.png"))


def test_browser_chinese_renders_with_an_installed_cjk_font(seeds_page):
    # Labels are drawn on a canvas with the page's font stack: draw a Han character with it and
    # compare the pixels with a code point no font has (drawn as a box) and with nothing.
    found = seeds_page.js("""() => {
        const stack = getComputedStyle(document.body).fontFamily;
        const canvas = document.createElement('canvas'); canvas.width = 40; canvas.height = 40;
        const ctx = canvas.getContext('2d');
        const pixels = (text, font) => {
            ctx.clearRect(0, 0, 40, 40); ctx.font = '28px ' + font; ctx.fillText(text, 4, 32);
            return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
        };
        const width = font => { ctx.font = '28px ' + font; return ctx.measureText('mmmmiiiilllWW').width; };
        const installed = stack.split(',').map(f => f.trim())
            .filter(f => !/^(sans-serif|serif|monospace)$/.test(f) && width(f + ', monospace') !== width('monospace'));
        const han = pixels('园', stack);
        return {installed, box: han === pixels(String.fromCodePoint(0x10FFFD), stack), blank: han === pixels(' ', stack),
                labelFont: kgExplorer.nodes.get(kgExplorer.nodes.getIds()[0]).font.face === stack};
    }""")
    assert found["installed"], "none of the page's fonts is installed"
    assert not found["box"] and not found["blank"]
    assert found["labelFont"]


def test_browser_node_count_equals_graph(seeds_page, seeds_build):
    result, _ = seeds_build
    g = to_networkx(result.kg)
    counts = seeds_page.js("""() => ({
        nodes: kgExplorer.nodes.length, edges: kgExplorer.edges.length,
        drawnNodes: Object.keys(kgExplorer.network.body.nodes).length,
        totals: document.getElementById('kg-totals').textContent})""")
    assert counts["nodes"] == counts["drawnNodes"] == g.number_of_nodes()
    assert counts["edges"] == g.number_of_edges()
    assert counts["totals"].startswith(f"{g.number_of_nodes()} ")


def test_browser_search_by_partial_name_focuses_the_node(seeds_page, seeds_build):
    result, _ = seeds_build
    g = to_networkx(result.kg)
    target, label = max(((n, d["label"]) for n, d in g.nodes(data=True) if d["type"] == "PARK" and len(d["label"]) >= 4),
                        key=lambda x: (g.degree(x[0]), x[0]))
    seeds_page.page.fill("#kg-search", label[1:-1])
    seeds_page.page.click(f"#kg-search-results li[data-id='{target}']")
    state = seeds_page.focus_state(target)
    assert state["selected"] == [target]
    assert state["title"] == label
    assert state["dx"] < 1 and state["dy"] < 1


def test_browser_type_filter_hides_exactly_that_type(seeds_page, seeds_build):
    result, _ = seeds_build
    g = to_networkx(result.kg)
    seeds_page.page.check("#kg-show-isolated")
    assert seeds_page.js("kgExplorer.nodes.get({filter: n => n.hidden}).length") == 0
    seeds_page.page.uncheck("#kg-node-types input[data-type='PERSON']")
    hidden = set(seeds_page.js("kgExplorer.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    assert hidden == {n for n, d in g.nodes(data=True) if d["type"] == "PERSON"}
    shown_edges = seeds_page.js("kgExplorer.edges.get({filter: e => !e.hidden}).map(e => [e.from, e.to])")
    assert shown_edges and not any(a in hidden or b in hidden for a, b in shown_edges)
    # The nodes still shown keep their type's legend color.
    drawn = seeds_page.js("""() => {
        const legend = Object.fromEntries(kgExplorer.data.node_types.map(t => [t.name, t.color]));
        return kgExplorer.data.nodes.filter(n => !kgExplorer.nodes.get(n.id).hidden)
            .map(n => [kgExplorer.network.body.nodes[n.id].options.color.background, legend[n.type]]);
    }""")
    assert drawn and all(color == expected for color, expected in drawn)


def test_browser_relation_filter_hides_exactly_that_relation(seeds_page, seeds_build):
    result, _ = seeds_build
    g = to_networkx(result.kg)
    seeds_page.page.uncheck("#kg-edge-types input[data-type='holds_position']")
    hidden = set(seeds_page.js("kgExplorer.edges.get({filter: e => e.hidden}).map(e => e.id)"))
    assert hidden == {k for _, _, k, d in g.edges(keys=True, data=True) if d["type"] == "holds_position"}


def test_browser_edge_click_shows_evidence(seeds_page, seeds_build):
    result, _ = seeds_build
    g = to_networkx(result.kg)
    edges = {k: d for _, _, k, d in g.edges(keys=True, data=True)}
    clicked = seeds_page.click_edge(sorted(edges))
    text = seeds_page.details()
    evidence = edges[clicked]["evidence"][0]
    assert evidence["sentence"] in text
    assert evidence["doc"] in text and f"{edges[clicked]['confidence']:.2f}" in text
    ARTIFACTS.mkdir(exist_ok=True)
    seeds_page.page.screenshot(path=str(ARTIFACTS / "explorer-seeds-evidence.png"))


def test_browser_node_click_shows_type_aliases_documents_relations(browser, tmp_path):
    kg = make_kg(["云杉智造有限公司", "北辰材料集团"])
    write_html(kg, tmp_path / "g.html")
    page = Page(browser, tmp_path / "g.html")
    point = page.dom_point("park-0")
    page.page.mouse.click(point["x"], point["y"])
    text = page.details()
    assert page.js("document.getElementById('kg-details-title').textContent") == "青禾高新产业园"
    for expected in ("PARK", "青禾园", "doc-a", "located_in", "云杉智造有限公司", "北辰材料集团"):
        assert expected in text
    page.page.close()


def test_browser_search_finds_an_alias(browser, tmp_path):
    write_html(make_kg(["云杉智造有限公司"]), tmp_path / "g.html")
    page = Page(browser, tmp_path / "g.html")
    page.page.fill("#kg-search", "青禾园")
    page.page.press("#kg-search", "Enter")
    state = page.focus_state("park-0")
    assert state["selected"] == ["park-0"] and state["title"] == "青禾高新产业园"
    assert state["dx"] < 1 and state["dy"] < 1
    page.page.close()


def test_browser_hostile_names_and_evidence_show_as_text(browser, tmp_path):
    write_html(make_kg(list(HOSTILE), list(HOSTILE)), tmp_path / "hostile.html")
    page = Page(browser, tmp_path / "hostile.html")
    assert page.errors == [] and page.dialogs == []
    assert page.js("document.querySelectorAll('script').length") == 3
    for i, name in enumerate(HOSTILE):
        page.page.fill("#kg-search", "")
        page.page.fill("#kg-search", name)
        assert page.js("[...document.querySelectorAll('#kg-search-results .kg-label')].map(x => x.textContent)")[0] == name
        page.page.press("#kg-search", "Enter")
        assert page.js("document.getElementById('kg-details-title').textContent") == name
        point = page.dom_point(f"e-{i}")
        page.page.mouse.move(point["x"], point["y"])  # the hover tooltip holds the name too
        page.page.wait_for_timeout(250)
    clicked = page.click_edge([f"rel-{i}" for i in range(len(HOSTILE))])
    assert HOSTILE[int(clicked.split("-")[1])] in page.details()
    assert page.js("document.querySelectorAll('img, svg, iframe, object').length") == 0
    assert page.js("document.querySelectorAll('script').length") == 3
    assert page.dialogs == [] and page.errors == []
    page.page.close()
