#!/usr/bin/env python3
"""Runs scripts/browser-check.py on the example playbook, the guide (docs/) and every fixture site that builds, from
file:// and over `playbook serve`, and exits 1 when any check fails. CI runs it (.ci/run). Every link must land
(on a file, and on an element when it names an anchor) except on fixtures whose expected warnings list broken links.

Usage: scripts/browser-check-all.py PLAYBOOK_BINARY

Each site is copied to a temporary folder first, so neither the build cache nor the output lands in
the repository. Broken fixtures (those with expected/diagnostics.txt) are skipped: they do not build.
"""
import glob, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECK = os.path.join(ROOT, "scripts", "browser-check.py")


def sites():
    yield "example", ROOT
    yield "guide", os.path.join(ROOT, "docs")
    for site in sorted(glob.glob(os.path.join(ROOT, "Tests", "PlaybookCoreTests", "Fixtures", "*", "site"))):
        if not os.path.exists(os.path.join(site, "..", "expected", "diagnostics.txt")):
            yield os.path.basename(os.path.dirname(site)), site


def copy(site, into):
    keep = ["content", "data", "layouts", "themes", "static", "playbook.yml"]
    for name in keep:
        source = os.path.join(site, name)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(into, name), symlinks=True)
        elif os.path.isfile(source):
            shutil.copy2(source, into)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def keeps_links(site):
    # Every link must land, except on a fixture that has broken links on purpose (its expected warnings say so).
    warnings = os.path.join(site, "..", "expected", "warnings.txt")
    if not os.path.exists(warnings):
        return True
    text = open(warnings, encoding="utf-8").read()
    return "link to missing" not in text and "does not exist" not in text


def check(label, public, base=None, links=False):
    command = [sys.executable, CHECK, public] + (["--base", base] if base else []) + (["--links"] if links else [])
    done = subprocess.run(command, capture_output=True, text=True)
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()
    print(f"{label}: {summary}")
    for line in failed:
        print("   ", line)
    if done.returncode != 0 and not failed:
        print("   ", done.stderr.strip()[-2000:])
    return done.returncode == 0


def main():
    playbook = os.path.abspath(sys.argv[1])
    ok = True
    for name, site in sites():
        work = tempfile.mkdtemp(prefix=f"browser-check-{name}-")
        try:
            copy(site, work)
            public = os.path.join(work, "public")
            subprocess.run([playbook, "build", "--no-cache", "--source", work, "--output", public],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            links = keeps_links(site)
            ok &= check(f"{name} (file://)", public, links=links)
            served = os.path.join(work, "served")
            port = free_port()
            # --read-only: these checks tick boxes and expect them in the browser only; scripts/browser-ticks.py
            # checks the ticks that serve writes into the sources.
            server = subprocess.Popen([playbook, "serve", "--read-only", "--source", work, "--output", served, "--port", str(port)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                base = f"http://127.0.0.1:{port}"
                for _ in range(300):
                    try:
                        urllib.request.urlopen(base + "/index.html", timeout=1)
                        break
                    except Exception:
                        time.sleep(0.1)
                else:
                    print(f"{name} (serve): the server did not answer")
                    ok = False
                    continue
                ok &= check(f"{name} (serve)", served, base, links=links)
            finally:
                server.terminate()
                server.wait(timeout=10)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("browser checks:", "all passed" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
