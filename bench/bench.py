#!/usr/bin/env python3
"""Playbook benchmark: full builds of synthetic playbooks against the cmark floor and Hugo.

Usage: bench/bench.py [--sizes 100,1000,10000] [--runs 5] [--no-build] [--work DIR]

For each size N it generates a deterministic playbook (bench/generate.py), then runs, alternating,
  floor   bench/cmark-floor.c: libcmark renders every page to a file, one thread, no templates;
  ours    .build/release/playbook build;
  hugo    `hugo` on the same pages laid out as a Hugo site (only when hugo is installed),
each into a fresh output folder, and prints the median wall time, ms per page, CPU time (user+sys),
peak RSS and output size, with the ratios ours/floor and ours/Hugo. Playbook's full builds run with
--no-cache (a clean build). It then measures incremental builds of Playbook with its cache: the
first build (which also writes the cache), a no-op rebuild, and a rebuild after editing one page.

Sites and outputs live in /dev/shm (RAM) by default, so the disk's noise (creating thousands of files
right after deleting thousands is slow on ext4) stays out of the ratios; --work DIR puts them elsewhere.
"""
import argparse, os, resource, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(command, cwd=None):
    """Runs a command; returns (wall seconds, cpu seconds, peak RSS in MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"bench: {' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def size_of(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files)


def prepare(args):
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "playbook"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    os.makedirs(args.work, exist_ok=True)
    floor = os.path.join(args.work, "cmark-floor")
    subprocess.run(["cc", "-O2", "-o", floor, os.path.join(ROOT, "bench", "cmark-floor.c"), "-lcmark"], check=True)
    return os.path.join(ROOT, ".build", "release", "playbook"), floor


def site(args, n, hugo):
    folder = os.path.join(args.work, f"{'hugo' if hugo else 'site'}-{n}")
    if not os.path.exists(os.path.join(folder, "content")):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n), folder] + (["--hugo"] if hugo else []), check=True)
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    # A RAM-backed folder keeps the disk's noise (ext4 inode allocation after mass deletes) out of the
    # comparison; every tool reads and writes there alike.
    default_work = "/dev/shm/playbook-bench" if os.path.isdir("/dev/shm") else os.path.join(ROOT, ".build-bench")
    parser.add_argument("--work", default=default_work)
    args = parser.parse_args()
    playbook, floor = prepare(args)
    hugo = shutil.which("hugo")
    print(f"machine: {os.cpu_count()} cores; work folder: {args.work}; runs per size: {args.runs} (alternating); hugo: {hugo or 'not installed'}")
    header = f"{'pages':>6} {'tool':<6} {'wall ms':>8} {'ms/page':>8} {'cpu ms':>8} {'RSS MB':>7} {'out MB':>7}  ratios"
    print(header)
    for n in [int(x) for x in args.sizes.split(",")]:
        ours_site, hugo_site = site(args, n, False), (site(args, n, True) if hugo else None)
        results = {"floor": [], "ours": [], "hugo": []}
        outputs = {}
        for attempt in range(args.runs):
            for tool in ("floor", "ours", "hugo"):
                if tool == "hugo" and not hugo:
                    continue
                out = os.path.join(args.work, f"out-{tool}-{n}")
                shutil.rmtree(out, ignore_errors=True)
                if tool == "floor":
                    measured = run([floor, os.path.join(ours_site, "content"), out])
                elif tool == "ours":
                    measured = run([playbook, "build", "--no-cache", "--source", ours_site, "--output", out])
                else:
                    measured = run([hugo, "--quiet", "--source", hugo_site, "--destination", out])
                results[tool].append(measured)
                outputs[tool] = size_of(out)
        medians = {tool: [statistics.median(values[i] for values in runs) for i in range(3)]
                   for tool, runs in results.items() if runs}
        for tool, (wall, cpu, rss) in medians.items():
            ratios = ""
            if tool == "ours":
                ratios = f"{wall / medians['floor'][0]:.2f}x floor wall, {outputs['ours'] / outputs['floor']:.2f}x floor bytes"
                if "hugo" in medians:
                    ratios += f", {wall / medians['hugo'][0]:.2f}x Hugo wall"
            print(f"{n:>6} {tool:<6} {wall * 1000:>8.0f} {wall * 1000 / n:>8.3f} {cpu * 1000:>8.0f} {rss:>7.0f} {outputs[tool] / 1e6:>7.1f}  {ratios}")
        incremental(playbook, ours_site, args, n)


def incremental(playbook, folder, args, n):
    """A no-op rebuild and a one-page edit, built in place (public/ inside the site, with its cache)."""
    out = os.path.join(folder, "public")
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(os.path.join(folder, ".playbook-cache"), ignore_errors=True)
    full = run([playbook, "build", "--source", folder])[0]
    noop = statistics.median(run([playbook, "build", "--source", folder])[0] for _ in range(args.runs))
    page = os.path.join(folder, "content", "s00", "p00000.md")
    original = open(page, encoding="utf-8").read()
    edits = []
    for attempt in range(args.runs):
        with open(page, "w", encoding="utf-8") as f:
            f.write(original + f"\nEdited paragraph {attempt}.\n")
        edits.append(run([playbook, "build", "--source", folder])[0])
    with open(page, "w", encoding="utf-8") as f:
        f.write(original)
    edit = statistics.median(edits)
    print(f"{n:>6} incremental: first build with cache {full * 1000:.0f} ms, no-op rebuild {noop * 1000:.0f} ms ({noop / full:.0%} of full), "
          f"one page edited {edit * 1000:.0f} ms")


if __name__ == "__main__":
    main()
