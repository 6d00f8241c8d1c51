#!/usr/bin/env python3
"""Checks that the split search index gives the same results as the single-file one, and that a
query loads at most about 1 MB of it, in headless Chromium from file://.

Usage: scripts/browser-search.py PLAYBOOK_BINARY [--pages 1500]
Generates a playbook with bench/generate.py, builds it twice (search_shards: true and false), types
the same queries into both and compares the result lists (titles, links and snippets). Prints one
line per check and exits 1 on any failure. Needs what scripts/browser-check.py needs.
"""
import importlib.util, json, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("browser_check", os.path.join(ROOT, "scripts", "browser-check.py"))
check_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_module)

QUERIES = ["latency", "lat", "stakeholder review", "page 12", "Page 1234", "p0", "Metric", "incident postmortem",
           "d", "zzzz", "cache queue retry", "section", "t3", "roll", "mentor design tradeoff", "ROADMAP"]
failures = []


def expect(condition, text):
    print(("ok   " if condition else "FAIL ") + text)
    if not condition:
        failures.append(text)


def results(browser, page, query):
    """The result list for `query` as shown: each result's text (title, heading, snippet) and link."""
    browser.open(page)
    script = json.dumps(query)
    browser.js(f"(() => {{ const i = document.getElementById('pb-search-input'); i.focus(); i.value = {script}; "
               "i.dispatchEvent(new Event('input', {bubbles: true})); })()")
    shown = browser.wait_for("(() => { const l = document.getElementById('pb-search-results');"
                             " return !l.hidden && l.children.length > 0 ? [...l.children].map(li => li.textContent + ' @ ' +"
                             " ((li.querySelector('a') || {}).getAttribute ? li.querySelector('a').getAttribute('href') : '')) : null; })()", 10)
    return shown


def main():
    playbook = os.path.abspath(sys.argv[1])
    pages = int(sys.argv[sys.argv.index("--pages") + 1]) if "--pages" in sys.argv else 1500
    work = tempfile.mkdtemp(prefix="browser-search-")
    browser = None
    try:
        split, whole = os.path.join(work, "split"), os.path.join(work, "whole")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(pages), split], check=True)
        shutil.copytree(split, whole)
        with open(os.path.join(split, "playbook.yml"), "a") as f:
            f.write("search_shards: true\n")
        with open(os.path.join(whole, "playbook.yml"), "a") as f:
            f.write("search_shards: false\n")
        for site in (split, whole):
            subprocess.run([playbook, "build", "--no-cache", "--source", site], check=True, stdout=subprocess.DEVNULL)
        folder = os.path.join(split, "public", "search-index")
        largest = max(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))
        manifest = os.path.getsize(os.path.join(split, "public", "search-index.js"))
        single = os.path.getsize(os.path.join(whole, "public", "search-index.js"))
        print(f"{pages} pages: one file {single / 1e6:.1f} MB; split: search-index.js {manifest / 1e3:.1f} KB, "
              f"{len(os.listdir(folder))} parts, the largest {largest / 1e3:.0f} KB")
        browser = check_module.Browser()
        for query in QUERIES:
            a = results(browser, "file://" + os.path.join(split, "public", "index.html"), query)
            b = results(browser, "file://" + os.path.join(whole, "public", "index.html"), query)
            expect(a == b, f"'{query}': the same {len(a or [])} results from the split index as from one file")
        # Bytes one query loads from the split index: the manifest, its shards and its pages' chunks.
        entries = json.loads(open(os.path.join(split, "public", "search-index.js")).read().split("=", 1)[1].rstrip().rstrip(";"))
        worst = 0
        for query in QUERIES:
            terms = [w for w in query.lower().split()]
            shard_bytes = sum(os.path.getsize(os.path.join(folder, "t" + key.encode().hex() + ".js")) for key in entries["shards"]
                              if any(key[:min(len(key), len(t))] == t[:min(len(key), len(t))] for t in terms))
            chunk_bytes = 8 * max(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder) if n.startswith("p"))
            worst = max(worst, manifest + shard_bytes + chunk_bytes)
        expect(worst <= 1_100_000, f"a query loads at most {worst / 1e6:.2f} MB of the index (manifest + its shards + 8 chunks, upper bound)")
    finally:
        if browser:
            browser.close()
        shutil.rmtree(work, ignore_errors=True)
    print("browser-search:", f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
