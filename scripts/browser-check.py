#!/usr/bin/env python3
"""Checks built pages in headless Chromium from file://, the way a reader uses them.

Usage: scripts/browser-check.py PUBLIC_DIR [--base http://127.0.0.1:PORT]
With --base, the pages of PUBLIC_DIR are opened from that server (`playbook serve`) instead of file://.
Needs: chromium (Debian package) and websocket-client (pip); with axe-playwright-python installed
(pip install --no-deps axe-playwright-python, which ships axe.min.js) it also runs axe-core on every
page and fails on serious or critical violations. Talks to the browser over the
DevTools protocol on 127.0.0.1 only. Prints one line per check and exits 1 on any failure.
"""
import html, json, os, re, subprocess, sys, tempfile, time, urllib.parse, urllib.request

try:
    import websocket
except ImportError:
    sys.exit("browser-check: pip install websocket-client")

PORT = 9333


class Browser:
    allowed = None  # the server's address, when pages are checked over HTTP
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="playbook-chromium-")
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-features=BackForwardCache", f"--remote-debugging-port={PORT}",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT}/json"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("browser-check: chromium did not start")
        # Generous: axe on a large export takes seconds, more on a busy machine.
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=90)
        self.next_id = 0
        self.errors = []
        self.requests = []
        self.loads = 0  # load events seen so far, also those that arrive while another call waits for its answer
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            self.record(message)
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def record(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            self.errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.errors.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not (url.startswith("file:") or url.startswith("data:") or url.startswith("about:")
                    or (Browser.allowed and url.startswith(Browser.allowed + "/"))):
                self.requests.append(url)
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.errors.append(params["entry"].get("text", ""))
        elif method == "Page.loadEventFired":
            self.loads += 1

    def wait_for_load(self, seen):
        """Waits for a load event after the first `seen` ones (a count taken before the page was asked to load):
        the event may already have arrived while an earlier call was waiting for its own answer."""
        deadline = time.time() + 20
        while self.loads <= seen and time.time() < deadline:
            self.record(json.loads(self.ws.recv()))
        if self.loads <= seen:
            raise SystemExit("browser-check: page did not load")

    def open(self, url):
        seen = self.loads
        self.call("Page.navigate", url=url)
        self.wait_for_load(seen)

    def reload(self):
        seen = self.loads
        self.call("Page.reload")
        self.wait_for_load(seen)

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=5):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.1)
        return None

    def close(self):
        self.process.terminate()
        self.process.wait()


def axe_source():
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    if not spec or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    return open(path, encoding="utf-8").read() if os.path.exists(path) else None


def main():
    arguments = sys.argv[1:]
    base = None
    if "--base" in arguments:
        at = arguments.index("--base")
        base = arguments[at + 1].rstrip("/")
        del arguments[at:at + 2]
    links = "--links" in arguments
    if links:
        arguments.remove("--links")
    public = os.path.abspath(arguments[0] if arguments else "public")
    Browser.allowed = base

    def url(path):
        # Pages from disk (file://), or the same files as a server (`--base http://127.0.0.1:PORT`) serves them.
        return f"{base}/{path}" if base else "file://" + os.path.join(public, path)
    axe = axe_source()
    if not axe:
        print("note: axe-core not found (pip install --no-deps axe-playwright-python); accessibility not checked")
    failures = 0

    def check(name, ok, detail=""):
        nonlocal failures
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + str(detail)) if detail and not ok else ''}")

    fetched = {}

    def fetch(path):
        # A file of the site as the browser gets it (from disk, or from the server), None when missing.
        if path not in fetched:
            try:
                if base:
                    with urllib.request.urlopen(base + "/" + urllib.parse.quote(path)) as response:
                        fetched[path] = response.read().decode("utf-8", "replace")
                else:
                    target = os.path.join(public, path)
                    target = os.path.join(target, "index.html") if os.path.isdir(target) else target
                    fetched[path] = open(target, "rb").read().decode("utf-8", "replace")
            except OSError:
                fetched[path] = None
        return fetched[path]

    def link_works(href):
        # A link the browser resolved (file:// or the server's http://): to a file of the site, with
        # an element of that id when it names one. Other sites and schemes are not checked.
        prefix = base + "/" if base else "file://" + public + "/"
        if not href.startswith(prefix):
            return not href.startswith("file:") and not (base and href.startswith(base))
        path, _, fragment = href[len(prefix):].partition("#")
        text = fetch(urllib.parse.unquote(path.partition("?")[0]) or "index.html")
        if text is None:
            return False
        wanted = urllib.parse.unquote(fragment)
        return not wanted or f'id="{html.escape(wanted)}"' in text or f'id="{wanted}"' in text

    browser = Browser()
    try:
        # 404.html is for a host to serve at any depth: with base_url set its links are absolute (the
        # published site), so it is not a page to open from disk or from the preview server.
        pages = sorted(os.path.relpath(os.path.join(d, f), public)
                       for d, _, files in os.walk(public) for f in files if f.endswith(".html") and f != "404.html")
        for page in pages:
            before = len(browser.errors)
            browser.open(url(page))
            check(f"no console errors on {page}", len(browser.errors) == before, browser.errors[before:])
            if axe:
                for scheme in ("light", "dark"):
                    browser.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": scheme}])
                    browser.js(axe)
                    found = browser.js("""axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))""")
                    check(f"axe ({scheme}): no serious or critical violations on {page}", found == [], found)
                browser.call("Emulation.setEmulatedMedia", features=[])
            broken_images = browser.js("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))")
            check(f"every image shows on {page}", broken_images == [], broken_images)
            if links:
                hrefs = browser.js("[...document.querySelectorAll('a[href]')].map(a => a.href)")
                dead = [href for href in hrefs if not link_works(href)]
                check(f"every link on {page} lands on a file and its anchor", dead == [], dead[:5])
            # A phone: 390 CSS pixels wide; nothing may scroll sideways.
            browser.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
            browser.reload()
            wide = browser.js("document.documentElement.scrollWidth - window.innerWidth")
            check(f"nothing scrolls sideways at 390px on {page}", wide is not None and wide <= 0, f"{wide}px too wide")
            # Every block's status, score or band can be read without scrolling a table sideways.
            hidden = browser.js("""[...document.querySelectorAll('.pb-block .pb-status, .pb-block .pb-band')]
                .filter(e => e.getClientRects().length && !e.closest('.pb-heatmap'))
                .filter(e => { const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 || r.left < 0; })
                .map(e => e.textContent.trim()).slice(0, 5)""")
            check(f"every status, score and band is on screen at 390px on {page}", hidden == [], hidden)
            browser.call("Emulation.clearDeviceMetricsOverride")

        checklist_page = next((p for p in pages if 'class="pb-block pb-checklist"' in open(os.path.join(public, p), encoding="utf-8").read()), None)
        if checklist_page:
            browser.open(url(checklist_page))
            first = "document.querySelector('.pb-checklist input[type=checkbox]:not(:checked)')"
            item = browser.js(f"(() => {{ const box = {first}; box.click(); return box.getAttribute('data-pb-item'); }})()")
            count_before = browser.js("document.querySelector('.pb-count').textContent")
            browser.reload()
            still = browser.js(f"document.querySelector('.pb-checklist input[data-pb-item=\"{item}\"]').checked")
            check(f"ticked box '{item}' on {checklist_page} survives reload", still is True)
            check("progress count follows the ticks", browser.js("document.querySelector('.pb-count').textContent") == count_before, count_before)
            if os.path.exists(os.path.join(public, "dashboard.html")):
                # The dashboard counts the same saved tick for that page.
                page_path = browser.js("document.querySelector('.pb-checklist').getAttribute('data-pb-page')")
                browser.open(url("dashboard.html"))
                shown = browser.js(f"(() => {{ const row = document.querySelector('.pb-dash-progress li[data-pb-page=\"{page_path}\"]'); return row && [row.querySelector('.pb-count').textContent, row.querySelector('progress').value, row.getAttribute('data-pb-done').split(' ').filter(Boolean).length]; }})()")
                check(f"the dashboard counts the tick saved on {checklist_page}", bool(shown) and shown[1] == shown[2] + 1, shown)
                browser.open(url(checklist_page))
            browser.js("document.querySelector('.pb-reset').click()")
            browser.reload()
            reset = browser.js(f"document.querySelector('.pb-checklist input[data-pb-item=\"{item}\"]').checked")
            check("reset clears the remembered tick", reset is False)

        script_page = next((p for p in pages if 'class="pb-script-form"' in open(os.path.join(public, p), encoding="utf-8").read()), None)
        if script_page:
            browser.open(url(script_page))
            filled = browser.js("""(() => {
                const field = document.querySelector('.pb-script-form input');
                field.value = 'Filled In';
                field.dispatchEvent(new Event('input', {bubbles: true}));
                const name = field.getAttribute('data-pb-slot');
                const slots = [...document.querySelectorAll('.pb-script mark.pb-slot')].filter(m => m.getAttribute('data-pb-slot') === name);
                return slots.length > 0 && slots.every(m => m.textContent === 'Filled In');
            })()""")
            check(f"typing into a script field fills the text on {script_page}", filled is True)
            visible = browser.js("!document.querySelector('.pb-script-form').hidden && !document.querySelector('.pb-copy').hidden")
            check("script form and Copy button are shown with JavaScript on", visible is True)
        def search_entries(index):
            # The pages of the index: inline in search-index.js, or in its chunk scripts when split.
            manifest = json.loads(index[index.index("=") + 1:].rstrip().rstrip(";"))
            if "pages" in manifest:
                return manifest["pages"]
            entries, number = [], 0
            while os.path.exists(os.path.join(public, manifest["folder"], f"p{number}.js")):
                text = open(os.path.join(public, manifest["folder"], f"p{number}.js"), encoding="utf-8").read()
                entries += json.loads(text[text.index(",") + 1:].rstrip().rstrip(";").rstrip(")"))
                number += 1
            return entries

        def unique_word(index):
            # A word of one page's text (the last page that has one) that no word of any other page
            # starts with: search must find that page first.
            entries = search_entries(index)
            for position in range(len(entries) - 1, -1, -1):
                last = entries[position]
                others = set(re.findall(r"\w+", " ".join((e[0] + " " + e[3] + " " + " ".join(h[1] for h in e[2])).lower()
                                                      for i, e in enumerate(entries) if i != position)))
                for word in re.findall(r"\w+", last[3].lower()):
                    if len(word) > 5 and word.isalpha() and not any(o.startswith(word) for o in others) and word not in last[0].lower():
                        return word, last
            return None, entries[-1] if entries else None

        def check_search(url, index_text, label):
            word, last = unique_word(index_text)
            if not word:
                return check(f"search on {label}", False, "no unique word on the last page")
            browser.open(url)
            browser.js(f"(() => {{ const i = document.getElementById('pb-search-input'); i.focus(); i.value = '{word}'; i.dispatchEvent(new Event('input', {{bubbles: true}})); }})()")
            first = browser.wait_for("(() => { const a = document.querySelector('#pb-search-results [role=option] a'); return a ? a.getAttribute('href') : null; })()")
            ok = bool(first) and (first.endswith(last[1]) or last[1] in first)
            check(f"search for '{word}' (only on one page) finds it first on {label}", ok, first)
            browser.js("document.getElementById('pb-search-input').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}))")
            time.sleep(0.5)
            here = browser.js("location.href")
            check(f"Enter opens the selected result on {label}", here and last[1].lstrip('#') in here, here)

        index_path = os.path.join(public, "search-index.js")
        if os.path.exists(index_path):
            check_search(url("index.html"), open(index_path, encoding="utf-8").read(), "the site")

        # `serve` makes the export when it is asked for: over HTTP, it is there when the server has one.
        if base:
            try:
                has_export = urllib.request.urlopen(urllib.request.Request(url("playbook.html"), method="HEAD")).status == 200
            except OSError:
                has_export = False
        else:
            has_export = os.path.exists(os.path.join(public, "playbook.html"))
        if has_export:
            browser.requests.clear()
            before = len(browser.errors)
            browser.open(url("playbook.html"))
            check("no console errors in the one-file export", len(browser.errors) == before, browser.errors[before:])
            broken = browser.js("[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1)).filter(id => id && !document.getElementById(decodeURIComponent(id)))")
            check("every internal link in the export has its target", broken == [], broken)
            sections = browser.js("document.querySelectorAll('.pb-export-page').length")
            toc = browser.js("document.querySelectorAll('.pb-export-toc a').length")
            check(f"the export shows every page ({sections} sections)", sections and sections == toc, f"{sections} sections, {toc} in contents")
            target = browser.js("(() => { const a = [...document.querySelectorAll('.pb-export-page a[href^=\"#p\"]')].find(a => a.getAttribute('href').includes('-')); if (!a) return null; a.click(); return a.getAttribute('href'); })()")
            landed = browser.js("location.hash") if target else None
            check(f"clicking an internal link lands on its anchor ({target})", target and landed == target and browser.js(f"document.getElementById('{target[1:]}') !== null"), landed)
            if browser.js("document.querySelector('.pb-checklist input[type=checkbox]:not(:checked)') !== null"):
                ticked = browser.js("(() => { const box = document.querySelector('.pb-checklist input[type=checkbox]:not(:checked)'); box.click(); return box.checked && box.closest('.pb-checklist').querySelector('.pb-count').textContent; })()")
                check("ticking a checklist box works in the export", bool(ticked), ticked)
            inline_index = browser.js("document.querySelector('script').textContent")
            check_search(url("playbook.html"), inline_index.strip(), "the export")
            check("the export made no network request", browser.requests == [], browser.requests)
    finally:
        browser.close()
    print(f"browser-check: {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
