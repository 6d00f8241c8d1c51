#!/usr/bin/env python3
"""Ticks boxes on pages served by `playbook serve` in headless Chromium and checks that the Markdown
changes, the dashboard counts the ticks and a tick on a page whose item changed is refused.

Usage: scripts/browser-ticks.py PLAYBOOK_BINARY
Works on a copy of the example playbook in a temporary folder; needs what scripts/browser-check.py
needs (chromium, websocket-client). Prints one line per check and exits 1 on any failure.
"""
import importlib.util, json, os, shutil, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(ROOT, "scripts", name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_module, all_module = load("browser-check"), load("browser-check-all")
failures = []


def expect(condition, text):
    print(("PASS " if condition else "FAIL ") + text)
    if not condition:
        failures.append(text)


def served(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=5) as reply:
            return reply.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(predicate, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def main():
    playbook = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="browser-ticks-")
    all_module.copy(ROOT, work)
    source = os.path.join(work, "content", "career", "seven-day-plan.md")
    original = open(source, encoding="utf-8").read()
    port = all_module.free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([playbook, "serve", "--source", work, "--output", os.path.join(work, "served"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = None
    try:
        if not wait_until(lambda: served(base, "/index.html"), 30):
            raise SystemExit("browser-ticks: the server did not answer")
        check_module.Browser.allowed = base
        browser = check_module.Browser()
        # Live reload is blocked, so that a page changes only when the check opens it (a rebuild after
        # each write would otherwise reload it at any moment); the 409 path reloads by itself.
        browser.call("Network.setBlockedURLs", urls=["*/__playbook/events"])
        plan = base + "/career/seven-day-plan.html"
        dashboard_count = ("document.querySelector('.pb-dash-progress li[data-pb-page=\"career/seven-day-plan.html\"] .pb-count')"
                           ".textContent")

        browser.open(base + "/dashboard.html")
        browser.js("localStorage.clear()")
        browser.reload()
        before = browser.js(dashboard_count)

        browser.open(plan)
        expect(browser.js("!!document.querySelector('script[data-playbook-token]')"), "the served page carries the write token")
        status = "(document.getElementById('playbook-tick-status') || {}).textContent || ''"
        browser.js("document.querySelector('input[data-pb-item=\"book-a-follow-up-with-my-manager\"]').click()")
        expect(browser.wait_for(f"{status}.indexOf('Ticked in content/career/seven-day-plan.md') >= 0"),
               "ticking a task-list box says it is written into the page's Markdown")
        text = open(source, encoding="utf-8").read()
        expect("- [x] Book a follow-up with my manager" in text, "the task item's [ ] became [x] in the Markdown")
        expect(text.replace("- [x] Book a follow-up", "- [ ] Book a follow-up") == original, "nothing else in the file changed")
        expect(browser.js("localStorage.getItem('playbook:career/seven-day-plan.html:book-a-follow-up-with-my-manager')") is None,
               "the browser forgets a tick once it is in the file")

        wait_until(lambda: 'data-pb-item="book-a-follow-up-with-my-manager" checked' in served(base, "/career/seven-day-plan.html"))
        browser.open(plan)
        browser.js("document.querySelector('input[data-pb-item=\"find-a-potential-risk-in-the-current-pro\"]').click()")
        expect(browser.wait_for(f"{status}.indexOf('Ticked in') >= 0"), "ticking a checklist block item is written")
        text = open(source, encoding="utf-8").read()
        expect("work out a mitigation strategy. Share it with the team.\n    done: true\n" in text,
               "the block item got 'done: true' under its text")
        wait_until(lambda: 'data-pb-item="find-a-potential-risk-in-the-current-pro" checked' in served(base, "/career/seven-day-plan.html"))

        browser.open(base + "/dashboard.html")
        browser.js("localStorage.clear()")
        browser.reload()
        after = browser.js(dashboard_count)
        done_before = int((before or "0").split(" ")[0])
        expect(after is not None and int(after.split(" ")[0]) == done_before + 2,
               f"the dashboard counts both ticks from the sources, with nothing saved in the browser ({before} -> {after})")

        # A page older than its file: the item it shows is gone.
        browser.open(plan)
        edited = open(source, encoding="utf-8").read().replace("Mentor a junior developer.", "Coach a junior developer.")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(edited)
        wait_until(lambda: "Coach a junior developer." in served(base, "/career/seven-day-plan.html"))
        seen = browser.loads
        browser.js("document.querySelector('input[data-pb-item=\"mentor-a-junior-developer\"]').click()")
        expect(browser.wait_for(f"{status}.indexOf('Reloading') >= 0"), "a tick on an item that changed in the file is refused and the page says so")
        browser.wait_for_load(seen)
        expect(browser.wait_for("document.body.textContent.indexOf('Coach a junior developer.') >= 0"), "then the page reloads with the new text")
        expect(open(source, encoding="utf-8").read() == edited, "and nothing was written")

        # From disk: ticks stay in the browser; Export ticks saves them and `playbook ticks apply` writes them.
        public = os.path.join(work, "public")
        subprocess.run([playbook, "build", "--no-cache", "--source", work, "--output", public], check=True, stdout=subprocess.DEVNULL)
        downloads = os.path.join(work, "downloads")
        os.makedirs(downloads)
        browser.call("Page.setDownloadBehavior", behavior="allow", downloadPath=downloads)
        browser.open("file://" + os.path.join(public, "career", "seven-day-plan.html"))
        browser.js("localStorage.clear()")
        browser.js("document.querySelector('input[data-pb-item=\"volunteer-to-lead-a-technical-discussion\"]').click()")
        browser.open("file://" + os.path.join(public, "dashboard.html"))
        expect(browser.js("!document.querySelector('.pb-ticks-export').hidden"), "the dashboard shows Export ticks")
        browser.js("document.querySelector('.pb-export-ticks').click()")
        exported = os.path.join(downloads, "playbook-ticks.json")
        expect(wait_until(lambda: os.path.exists(exported) and os.path.getsize(exported) > 0), "Export ticks saves playbook-ticks.json")
        if os.path.exists(exported):
            ticks = json.load(open(exported, encoding="utf-8"))
            expect(ticks.get("format") == "playbook-ticks" and
                   {"page": "career/seven-day-plan.html", "item": "volunteer-to-lead-a-technical-discussion", "done": True} in ticks.get("ticks", []),
                   "the file holds the tick made from disk")
            before_apply = open(source, encoding="utf-8").read()
            applied = subprocess.run([playbook, "ticks", "apply", exported, "--source", work], capture_output=True, text=True)
            expect(applied.returncode == 0 and "1 written" in applied.stdout, f"playbook ticks apply writes it ({applied.stdout.strip()})")
            expect(open(source, encoding="utf-8").read() ==
                   before_apply.replace("technical discussion or presentation.\n", "technical discussion or presentation.\n    done: true\n"),
                   "the checklist item got done: true and nothing else changed")
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print("browser-ticks:", f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
