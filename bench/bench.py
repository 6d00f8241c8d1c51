#!/usr/bin/env python3
"""Playbook benchmark: full builds of synthetic playbooks against the cmark floor and Hugo.

Usage: bench/bench.py [--sizes 100,1000,10000] [--runs 5] [--no-build] [--work DIR]
       bench/bench.py --highlight [--sizes 1000] [--runs 5]
       bench/bench.py --compare OTHER_PLAYBOOK [--sizes 1000] [--runs 5]

For each size N it generates a deterministic playbook (bench/generate.py), then runs, alternating,
  floor   bench/cmark-floor.c: libcmark renders every page to a file, one thread, no templates;
  ours    .build/release/playbook build;
  hugo    `hugo` on the same pages laid out as a Hugo site (only when hugo is installed),
each into a fresh output folder, and prints the median wall time, ms per page, CPU time (user+sys),
peak RSS and output size, with the ratios ours/floor and ours/Hugo. Playbook's full builds run with
--no-cache (a clean build). It then measures incremental builds of Playbook with its cache: the
first build (which also writes the cache), a no-op rebuild, and a rebuild after editing one page.

--highlight builds a corpus whose pages each hold SQL, shell and YAML blocks that differ from page to
page (generate.py --code), with highlighting on and off (`highlight: false`), both --no-cache, and
Hugo with its highlighting on (its default), and prints the cost of highlighting per block.

--compare OTHER runs another playbook binary (say, a release build of an older commit) alternating
with this one on a corpus without code blocks (generate.py --no-code), and prints both medians, the
ratio and, when `perf` is installed, instructions per page of each (counts are steadier than time on
a shared machine).

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


def site(args, n, hugo, variant=""):
    folder = os.path.join(args.work, f"{'hugo' if hugo else 'site'}-{n}{'-' + variant if variant else ''}")
    if not os.path.exists(os.path.join(folder, "content")):
        shutil.rmtree(folder, ignore_errors=True)
        extra = (["--hugo"] if hugo else []) + ([f"--{variant}"] if variant else [])
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n), folder] + extra, check=True)
    return folder


def alternate(commands, runs, work):
    """Runs each named command `runs` times, alternating, into fresh output folders; returns medians
    (wall, cpu, rss) by name."""
    results = {name: [] for name in commands}
    for _ in range(runs):
        for name, make in commands.items():
            out = os.path.join(work, f"out-{name}")
            shutil.rmtree(out, ignore_errors=True)
            results[name].append(run(make(out)))
    return {name: [statistics.median(r[i] for r in values) for i in range(3)] for name, values in results.items()}


def instructions(command):
    """Instructions the command executed (all threads), with `perf stat`; None without perf."""
    if not shutil.which("perf"):
        return None
    done = subprocess.run(["perf", "stat", "-x,", "-e", "instructions:u"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in done.stderr.splitlines():
        fields = line.split(",")
        if len(fields) > 2 and fields[2].startswith("instructions") and fields[0].isdigit():
            return int(fields[0])
    return None


def highlight_bench(playbook, hugo, args):
    print("highlighting: every page has an SQL, a shell and a YAML block, different on every page; --no-cache")
    for n in [int(x) for x in args.sizes.split(",")]:
        on = site(args, n, False, "code")
        off = on + "-plain"
        if not os.path.exists(off):
            shutil.copytree(on, off)
            with open(os.path.join(off, "playbook.yml"), "a") as f:
                f.write("highlight: false\n")
        commands = {
            "on": lambda out: [playbook, "build", "--no-cache", "--source", on, "--output", out],
            "off": lambda out: [playbook, "build", "--no-cache", "--source", off, "--output", out],
        }
        if hugo:
            hugo_site = site(args, n, True, "code")
            commands["hugo"] = lambda out: [hugo, "--quiet", "--source", hugo_site, "--destination", out]
        medians = alternate(commands, args.runs, args.work)
        blocks = 3 * n
        for name, (wall, cpu, rss) in medians.items():
            note = ""
            if name == "on":
                extra = wall - medians["off"][0]
                note = f"highlighting costs {extra * 1000:.0f} ms ({extra / medians['off'][0]:.0%} of the plain build, {extra * 1e6 / blocks:.0f} µs a block)"
                if "hugo" in medians:
                    note += f"; {wall / medians['hugo'][0]:.2f}x Hugo wall"
            print(f"{n:>6} {name:<5} {wall * 1000:>8.0f} ms wall {cpu * 1000:>8.0f} ms cpu {rss:>6.0f} MB  {note}")


def compare_bench(playbook, other, args):
    print(f"this build vs {other}, on pages without code blocks (generate.py --no-code), --no-cache")
    for n in [int(x) for x in args.sizes.split(",")]:
        folder = site(args, n, False, "no-code")
        commands = {
            "other": lambda out: [other, "build", "--no-cache", "--source", folder, "--output", out],
            "this": lambda out: [playbook, "build", "--no-cache", "--source", folder, "--output", out],
        }
        medians = alternate(commands, args.runs, args.work)
        counts = {name: instructions(make(os.path.join(args.work, f"out-perf-{name}"))) for name, make in commands.items()}
        for name, (wall, cpu, rss) in medians.items():
            count = f", {counts[name] / n / 1e6:.2f} M instructions/page" if counts[name] else ""
            print(f"{n:>6} {name:<5} {wall * 1000:>8.0f} ms wall {cpu * 1000:>8.0f} ms cpu {rss:>6.0f} MB{count}")
        ratio = medians["this"][0] / medians["other"][0]
        line = f"{n:>6} this/other: {ratio:.3f} wall, {medians['this'][1] / medians['other'][1]:.3f} cpu"
        if counts["this"] and counts["other"]:
            line += f", {counts['this'] / counts['other']:.3f} instructions"
        print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    # A RAM-backed folder keeps the disk's noise (ext4 inode allocation after mass deletes) out of the
    # comparison; every tool reads and writes there alike.
    default_work = "/dev/shm/playbook-bench" if os.path.isdir("/dev/shm") else os.path.join(ROOT, ".build-bench")
    parser.add_argument("--work", default=default_work)
    parser.add_argument("--highlight", action="store_true", help="measure highlighting on and off, and Hugo")
    parser.add_argument("--compare", metavar="OTHER", help="another playbook binary to compare with")
    args = parser.parse_args()
    playbook, floor = prepare(args)
    hugo = shutil.which("hugo")
    if args.highlight:
        return highlight_bench(playbook, hugo, args)
    if args.compare:
        return compare_bench(playbook, os.path.abspath(args.compare), args)
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
