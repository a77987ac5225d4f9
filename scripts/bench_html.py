"""Manual check that the HTML explorer stays responsive on a large synthetic graph (not part of the tests).

Usage: .venv/bin/python scripts/bench_html.py [--nodes 3000] [--out /tmp/kg-bench]

Builds an invented graph of N entities (mixed types, ~1.3 relations per entity), writes the page, opens it in
Debian's chromium and prints: page size, time until the layout has settled and physics stopped, the time to draw
one frame, to filter a type and to search-and-focus, and a screenshot path.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from kg.export.html import write_html
from kg.model import Entity, EntityRelation, Evidence, KnowledgeGraph

TYPES = ("PARK", "COMPANY", "PERSON", "INDUSTRY", "PROJECT", "ORG", "LOC", "TITLE")
RELATIONS = ("located_in", "leads_delegation", "belongs_to_industry", "has_industry", "holds_position")
SYLLABLES = "青禾北辰云杉东岭南湖星河金石银川海风远航晨光恒达华盛新源天工智联博远"


def synthetic_graph(n: int, seed: int = 1) -> KnowledgeGraph:
    """Invented entities and relations: a few hubs (parks, industries) and many leaves, like real news graphs."""
    rng = random.Random(seed)
    kg = KnowledgeGraph(documents=[f"doc-{i:03d}" for i in range(50)])
    ids = []
    for i in range(n):
        label = TYPES[i % len(TYPES)]
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))) + f"{label.lower()}{i}"
        eid = f"{label.lower()}-{i:05d}"
        kg.entities[eid] = Entity(eid, label, name, documents=[rng.choice(kg.documents)])
        ids.append(eid)
    hubs = ids[: max(10, n // 30)]
    for j in range(int(n * 1.3)):
        head = rng.choice(ids)
        tail = rng.choice(hubs) if rng.random() < 0.7 else rng.choice(ids)
        if head == tail:
            continue
        sentence = f"{kg.entities[head].name}与{kg.entities[tail].name}签约。"
        kg.relations[f"rel-{j:06d}"] = EntityRelation(
            f"rel-{j:06d}", rng.choice(RELATIONS), head, tail,
            evidence=[Evidence(rng.choice(kg.documents), sentence, 0, len(sentence))], rules=["synthetic"],
            confidence=0.5)
    return kg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-bench"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    kg = synthetic_graph(args.nodes)
    page_path = args.out / "graph.html"
    t = time.perf_counter()
    write_html(kg, page_path)
    print(f"{len(kg.entities)} nodes, {len(kg.relations)} edges: page {page_path.stat().st_size / 1e6:.2f} MB "
          f"written in {time.perf_counter() - t:.2f} s")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1500, "height": 900})
        t = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-kg-ready='1']", timeout=600_000)
        print(f"layout settled, physics {'on' if page.evaluate('kgExplorer.network.physics.physicsEnabled') else 'off'}: "
              f"{time.perf_counter() - t:.2f} s after navigation")
        page.check("#kg-show-isolated")
        frame = page.evaluate("""() => new Promise(done => { const net = kgExplorer.network, t0 = performance.now();
            net.once('afterDrawing', () => done(performance.now() - t0)); net.redraw(); })""")
        print(f"one frame drawn in {frame:.0f} ms")
        t = time.perf_counter()
        page.uncheck("#kg-node-types input[data-type='PERSON']")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        print(f"type filter applied in {(time.perf_counter() - t) * 1000:.0f} ms")
        name = next(iter(kg.entities.values())).name
        t = time.perf_counter()
        page.fill("#kg-search", name[:3])
        page.press("#kg-search", "Enter")
        page.wait_for_function("() => kgExplorer.network.getSelectedNodes().length === 1")
        print(f"search and focus in {(time.perf_counter() - t) * 1000:.0f} ms")
        page.wait_for_timeout(1000)
        shot = args.out / "bench.png"
        page.screenshot(path=str(shot))
        print(f"screenshot: {shot}")
        browser.close()


if __name__ == "__main__":
    main()
