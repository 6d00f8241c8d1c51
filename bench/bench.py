#!/usr/bin/env python3
"""Playbook benchmark: full builds of synthetic playbooks against the cmark floor and Hugo.

Usage: bench/bench.py [--sizes 100,1000,10000] [--runs 5] [--no-build] [--work DIR]
       bench/bench.py --table [--sizes 1000,10000] [--real-sizes 500,900] [--runs 5]
       bench/bench.py --highlight [--sizes 1000] [--runs 5]
       bench/bench.py --compare OTHER_PLAYBOOK [--sizes 1000] [--runs 5]
       bench/bench.py --wikilinks [--sizes 10000] [--runs 5]

For each size N it generates a deterministic playbook (bench/generate.py), then runs, alternating,
  floor   bench/cmark-floor.c: libcmark renders every page to a file, one thread, no templates;
  ours    .build/release/playbook build (a release build with --static-swift-stdlib, as installed);
  hugo    `hugo` on the same pages laid out as a Hugo site (only when hugo is installed),
each into a fresh output folder, and prints the median wall time, ms per page, CPU time (user+sys),
peak RSS and output size, with the ratios ours/floor and ours/Hugo. Playbook's full builds run with
--no-cache (a clean build). It then measures incremental builds of Playbook with its cache: the
first build (which also writes the cache), a no-op rebuild, and a rebuild after editing one page.

--highlight builds a corpus whose pages each hold SQL, shell and YAML blocks that differ from page to
page (generate.py --code), with highlighting on and off (`highlight: false`), both --no-cache, and
Hugo with its highlighting on (its default), and prints the cost of highlighting per block.

--table prints speed issue 17's table on its corpus (generate.py --rich: 20-line front matter with
lists of mappings, internal links, a code block): full builds against the cmark floor and Hugo, peak
RSS, the first build with the cache against a --no-cache build run just before it, a one-page edit
and a no-op at the largest size (three of each a run), the time per page of each stage (--jobs 1 --timings), and what a search query loads. At the
smallest size it also counts instructions per page, per stage and in each dependency, against the
floor's, with callgrind (bench/instructions.py; when valgrind is installed): counts repeat from run to
run where times on this shared VM do not (it exposes no hardware counters to perf). Then, for each of
--real-sizes (500,900), a site of the shape of a real handbook (generate.py --real: SVG and PNG
images, code in 24 languages, the one-file export on): a full build against the floor, its peak RSS,
and a one-page edit with the CLI (three a run) and under `playbook serve`, all with the defaults.

--compare OTHER runs another playbook binary (say, a release build of an older commit) alternating
with this one on a corpus without code blocks (generate.py --no-code), and prints both medians, the
ratio and, when `perf` is installed, instructions per page of each (counts are steadier than time on
a shared machine).

--wikilinks measures the cost of wikilinks: the --rich corpus with and without a "Related" section of
two wikilinks on every page (generate.py --wikilinks), full builds alternating with the floor, then the
site with wikilinks against the targets (peak RSS, a one-page edit and a no-op with the cache).

Sites and outputs live in /dev/shm (RAM) by default, so the disk's noise (creating thousands of files
right after deleting thousands is slow on ext4) stays out of the ratios; --work DIR puts them elsewhere.
"""
import argparse, os, re, resource, shutil, statistics, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import instructions  # noqa: E402  (bench/instructions.py)

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
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "playbook"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    os.makedirs(args.work, exist_ok=True)
    floor = os.path.join(args.work, "cmark-floor")
    subprocess.run(["cc", "-O2", "-o", floor, os.path.join(ROOT, "bench", "cmark-floor.c"), "-lcmark"], check=True)
    return os.path.join(ROOT, ".build", "release", "playbook"), floor


def site(args, n, hugo, variant=""):
    folder = os.path.join(args.work, f"{'hugo' if hugo else 'site'}-{n}{'-' + variant if variant else ''}")
    if not os.path.exists(os.path.join(folder, "content")):
        shutil.rmtree(folder, ignore_errors=True)
        extra = (["--hugo"] if hugo else []) + [f"--{flag}" for flag in variant.split("+") if flag]
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


def perf_instructions(command):
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
        counts = {name: perf_instructions(make(os.path.join(args.work, f"out-perf-{name}"))) for name, make in commands.items()}
        for name, (wall, cpu, rss) in medians.items():
            count = f", {counts[name] / n / 1e6:.2f} M instructions/page" if counts[name] else ""
            print(f"{n:>6} {name:<5} {wall * 1000:>8.0f} ms wall {cpu * 1000:>8.0f} ms cpu {rss:>6.0f} MB{count}")
        ratio = medians["this"][0] / medians["other"][0]
        line = f"{n:>6} this/other: {ratio:.3f} wall, {medians['this'][1] / medians['other'][1]:.3f} cpu"
        if counts["this"] and counts["other"]:
            line += f", {counts['this'] / counts['other']:.3f} instructions"
        print(line)


def stage_times(playbook, folder, out):
    """Stage times in ms of one --jobs 1 --timings build."""
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([playbook, "build", "--no-cache", "--jobs", "1", "--timings", "--source", folder, "--output", out],
                          capture_output=True, text=True, check=True)
    line = next((l for l in (done.stdout + done.stderr).splitlines() if l.startswith("timings:")), "")
    stages = {}
    for part in line[len("timings:"):].split("·"):
        name, _, value = part.strip().rpartition(" ")
        name, _, number = name.rpartition(" ")
        if number.isdigit():
            stages[name] = int(number)
    return stages


def search_load(public):
    """Bytes a one-term query loads at most (manifest + every shard its prefix may need + 8 page chunks),
    and the whole index."""
    manifest_path = os.path.join(public, "search-index.js")
    manifest = os.path.getsize(manifest_path)
    folder = os.path.join(public, "search-index")
    if not os.path.isdir(folder):
        return manifest, manifest
    sizes = {name: os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder)}
    chunks = sorted((v for k, v in sizes.items() if k.startswith("p")), reverse=True)[:8]
    shards = {bytes.fromhex(k[1:-3]).decode(): v for k, v in sizes.items() if k.startswith("t")}
    # A term of two letters or more loads the shards of its first two letters (all three-letter ones under them).
    by_two = {}
    for key, size in shards.items():
        by_two[key[:2]] = by_two.get(key[:2], 0) + size
    return manifest + max(by_two.values(), default=0) + sum(chunks), manifest + sum(sizes.values())


def table_bench(playbook, floor, hugo, args):
    sizes = [int(x) for x in args.sizes.split(",") if x]
    print(f"speed table (issue 17): corpus generate.py --rich; {args.runs} alternating runs, medians; {os.cpu_count()} cores; "
          f"work folder {args.work}; hugo: {hugo or 'not installed'}")
    rows = []
    for n in sizes:
        folder, hugo_site = site(args, n, False, "rich"), (site(args, n, True, "rich") if hugo else None)
        commands = {
            "floor": lambda out: [floor, os.path.join(folder, "content"), out],
            "ours": lambda out: [playbook, "build", "--no-cache", "--source", folder, "--output", out],
        }
        if hugo:
            commands["hugo"] = lambda out: [hugo, "--quiet", "--source", hugo_site, "--destination", out]
        medians = alternate(commands, args.runs, args.work)
        for name, (wall, cpu, rss) in medians.items():
            print(f"{n:>6} {name:<5} {wall * 1000:>8.0f} ms wall {cpu * 1000:>8.0f} ms cpu {rss:>6.0f} MB peak RSS")
        ours, base = medians["ours"], medians["floor"]
        rows.append((f"{n:,} pages, --no-cache, vs the cmark floor", f"{ours[0] / base[0]:.2f}x wall (CPU {ours[1] / base[1]:.2f}x)", "<= 3x",
                     ours[0] / base[0] <= 3))
        if n == sizes[0] and instructions.available():
            ours_ir, floor_ir = instructions.report(folder, playbook, floor=floor)
            rows.append((f"instructions per page vs the floor's, {n:,} pages, --jobs 1 (callgrind)",
                         f"{ours_ir / floor_ir:.2f}x ({ours_ir / 1e6:.2f} M vs {floor_ir / 1e6:.2f} M)", "(<= 3x)", ours_ir / floor_ir <= 3))
        if "hugo" in medians:
            rows.append((f"{n:,} pages vs Hugo {hugo_version(hugo)}", f"{ours[0] / medians['hugo'][0]:.2f}x wall", "<= 0.3x",
                         ours[0] / medians["hugo"][0] <= 0.3))
        if n == sizes[-1]:
            rows.append((f"peak RSS, {n:,} pages, --no-cache", f"{ours[2]:.0f} MB", "<= 200 MB", ours[2] <= 200))
            firsts, cleans, noops, edits, edit_rss = [], [], [], [], []
            page = os.path.join(folder, "content", "s00", "p00000.md")
            original = open(page, encoding="utf-8").read()
            clean_out = os.path.join(args.work, "out-clean")
            for attempt in range(args.runs):
                # A --no-cache build right before each first cached build: the ratio is side by side
                # (the shared machine's speed drifts between the full builds above and these).
                shutil.rmtree(clean_out, ignore_errors=True)
                cleans.append(run([playbook, "build", "--no-cache", "--source", folder, "--output", clean_out])[0])
                shutil.rmtree(os.path.join(folder, "public"), ignore_errors=True)
                shutil.rmtree(os.path.join(folder, ".playbook-cache"), ignore_errors=True)
                firsts.append(run([playbook, "build", "--source", folder])[0])
                # Three no-ops and three edits a run: these short builds move most with the machine.
                for repeat in range(3):
                    noops.append(run([playbook, "build", "--source", folder])[0])
                    with open(page, "w", encoding="utf-8") as f:
                        f.write(original + f"\nEdited paragraph {attempt}.{repeat}.\n")
                    wall, _, rss = run([playbook, "build", "--source", folder])
                    edits.append(wall)
                    edit_rss.append(rss)
            with open(page, "w", encoding="utf-8") as f:
                f.write(original)
            first, clean, noop, edit, rss = (statistics.median(x) for x in (firsts, cleans, noops, edits, edit_rss))
            rows.append((f"first build with the cache vs --no-cache (alternating), {n:,} pages", f"{first:.2f} s vs {clean:.2f} s ({first / clean:.2f}x)",
                         "<= 1.2x", first / clean <= 1.2))
            rows.append((f"one edited page, {n:,}-page site (with cache)", f"{edit * 1000:.0f} ms, {rss:.0f} MB RSS", "<= 300 ms, <= 250 MB",
                         edit <= 0.3 and rss <= 250))
            rows.append((f"no-op rebuild, {n:,} pages", f"{noop * 1000:.0f} ms", "<= 120 ms", noop <= 0.12))
            ms = serve_latency(playbook, folder, args.runs)
            if ms is not None:
                rows.append((f"one edited page under playbook serve, {n:,} pages (save → reload event)", f"{ms} ms", "(<= 300 ms)", ms <= 300))
            query, whole = search_load(os.path.join(folder, "public"))
            rows.append((f"search data a query loads, {n:,} pages", f"{query / 1e6:.2f} MB (whole index {whole / 1e6:.0f} MB)", "<= 1 MB",
                         query <= 1_000_000))
            stages = stage_times(playbook, folder, os.path.join(args.work, "out-stages"))
            per_page = " · ".join(f"{name} {ms * 1000 / n:.0f}" for name, ms in stages.items() if ms)
            print(f"{n:>6} stages, --jobs 1, µs per page: {per_page}")
    for n in [int(x) for x in args.real_sizes.split(",") if x]:
        rows += real_rows(playbook, floor, n, args)
    print()
    print("| | measured | target | |")
    print("|---|---|---|---|")
    for name, value, target, met in rows:
        print(f"| {name} | {value} | {target} | {'met' if met else 'missed'} |")


def serve_latency(playbook, folder, runs):
    """The median ms from saving a page to `playbook serve`'s reload event (bench/serve-latency.py), or None."""
    served = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "serve-latency.py"), folder, "--edits", str(max(5, runs)),
                             "--binary", playbook], capture_output=True, text=True)
    found = re.search(r"median (\d+) ms", served.stdout)
    return int(found.group(1)) if found else None


def edits(playbook, folder, page, runs, repeats=3):
    """`runs` × `repeats` one-page edits of `page` with the CLI and the cache; (median wall, median RSS)."""
    original = open(page, encoding="utf-8").read()
    walls, peaks = [], []
    try:
        for attempt in range(runs):
            for repeat in range(repeats):
                with open(page, "w", encoding="utf-8") as f:
                    f.write(original + f"\nEdited paragraph {attempt}.{repeat}.\n")
                wall, _, rss = run([playbook, "build", "--source", folder])
                walls.append(wall)
                peaks.append(rss)
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
    return statistics.median(walls), statistics.median(peaks)


def real_rows(playbook, floor, n, args):
    """The table's rows for a real-shaped site (generate.py --real: images, code in 24 languages, the
    export on) of `n` pages, with the defaults: a full build against the floor, its peak RSS, a one-page
    edit with the CLI and under serve."""
    folder = site(args, n, False, "real")
    medians = alternate({
        "floor": lambda out: [floor, os.path.join(folder, "content"), out],
        "ours": lambda out: [playbook, "build", "--no-cache", "--source", folder, "--output", out],
    }, args.runs, args.work)
    for name, (wall, cpu, rss) in medians.items():
        print(f"{n:>6} real {name:<5} {wall * 1000:>8.0f} ms wall {cpu * 1000:>8.0f} ms cpu {rss:>6.0f} MB peak RSS")
    ours, base = medians["ours"], medians["floor"]
    export = os.path.join(args.work, "out-ours", "playbook.html")
    export_mb = os.path.getsize(export) / 1e6 if os.path.exists(export) else 0
    rows = [(f"{n:,} real-shaped pages, --no-cache, vs the cmark floor", f"{ours[0] / base[0]:.2f}x ({ours[0] * 1000:.0f} vs {base[0] * 1000:.0f} ms)",
             "<= 3x", ours[0] / base[0] <= 3),
            (f"peak RSS, {n:,} real-shaped pages, --no-cache (export {export_mb:.1f} MB)", f"{ours[2]:.0f} MB", "< 200 MB", ours[2] < 200)]
    shutil.rmtree(os.path.join(folder, "public"), ignore_errors=True)
    shutil.rmtree(os.path.join(folder, ".playbook-cache"), ignore_errors=True)
    run([playbook, "build", "--source", folder])
    pages = sorted(os.path.join(d, f) for d, _, files in os.walk(os.path.join(folder, "content"))
                   for f in files if f.endswith(".md") and not f.startswith("_"))
    edit, rss = edits(playbook, folder, pages[len(pages) // 2], args.runs)
    rows.append((f"one edited page, {n:,} real-shaped pages, playbook build", f"{edit * 1000:.0f} ms, {rss:.0f} MB RSS", "<= 150 ms", edit <= 0.15))
    ms = serve_latency(playbook, folder, args.runs)
    if ms is not None:
        rows.append((f"one edited page, {n:,} real-shaped pages, playbook serve (save → reload event)", f"{ms} ms", "<= 150 ms", ms <= 150))
    return rows


def wikilink_bench(playbook, floor, args):
    """The cost of wikilinks at each of --sizes: the --rich corpus without and with two wikilinks a
    page, alternating with the floor, then the targets on the site with wikilinks."""
    rows = []
    for n in [int(x) for x in args.sizes.split(",") if x]:
        plain, linked = site(args, n, False, "rich"), site(args, n, False, "rich+wikilinks")
        medians = alternate({
            "floor": lambda out: [floor, os.path.join(linked, "content"), out],
            "plain": lambda out: [playbook, "build", "--no-cache", "--source", plain, "--output", out],
            "linked": lambda out: [playbook, "build", "--no-cache", "--source", linked, "--output", out],
        }, args.runs, args.work)
        for name, (wall, cpu, rss) in medians.items():
            print(f"{n:>6} {name:<6} {wall * 1000:>8.0f} ms wall {cpu * 1000:>8.0f} ms cpu {rss:>6.0f} MB peak RSS")
        (wall, cpu, rss), base, without = medians["linked"], medians["floor"], medians["plain"]
        rows.append((f"{n:,} pages, two wikilinks each, --no-cache, vs the cmark floor", f"{wall / base[0]:.2f}x wall (CPU {cpu / base[1]:.2f}x)",
                     "<= 3x", wall / base[0] <= 3))
        rows.append((f"the same {n:,} pages without the wikilinks", f"{without[0] * 1000:.0f} ms vs {wall * 1000:.0f} ms with ({wall / without[0]:.2f}x)",
                     "(the cost)", True))
        rows.append((f"peak RSS, {n:,} pages with wikilinks, --no-cache", f"{rss:.0f} MB", "<= 200 MB", rss <= 200))
        shutil.rmtree(os.path.join(linked, "public"), ignore_errors=True)
        shutil.rmtree(os.path.join(linked, ".playbook-cache"), ignore_errors=True)
        run([playbook, "build", "--source", linked])
        noops = [run([playbook, "build", "--source", linked])[0] for _ in range(3 * args.runs)]
        edit, edit_rss = edits(playbook, linked, os.path.join(linked, "content", "s00", "p00000.md"), args.runs)
        rows.append((f"one edited page, {n:,} pages with wikilinks (with cache)", f"{edit * 1000:.0f} ms, {edit_rss:.0f} MB RSS",
                     "<= 300 ms, <= 250 MB", edit <= 0.3 and edit_rss <= 250))
        noop = statistics.median(noops)
        rows.append((f"no-op rebuild, {n:,} pages with wikilinks", f"{noop * 1000:.0f} ms", "<= 120 ms", noop <= 0.12))
    print()
    print("| | measured | target | |")
    print("|---|---|---|---|")
    for name, value, target, met in rows:
        print(f"| {name} | {value} | {target} | {'met' if met else 'missed'} |")


def hugo_version(hugo):
    done = subprocess.run([hugo, "version"], capture_output=True, text=True)
    words = done.stdout.split()
    return words[1].lstrip("v").split("-")[0] if len(words) > 1 else ""


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
    parser.add_argument("--table", action="store_true", help="speed issue 17's table on the --rich corpus")
    parser.add_argument("--real-sizes", default="500,900", help="--table: sizes of the real-shaped sites (generate.py --real)")
    parser.add_argument("--wikilinks", action="store_true", help="the cost of a wikilink on every page (default size 10,000)")
    args = parser.parse_args()
    playbook, floor = prepare(args)
    hugo = shutil.which("hugo")
    if args.highlight:
        return highlight_bench(playbook, hugo, args)
    if args.compare:
        return compare_bench(playbook, os.path.abspath(args.compare), args)
    if args.wikilinks:
        if args.sizes == parser.get_default("sizes"):
            args.sizes = "10000"
        return wikilink_bench(playbook, floor, args)
    if args.table:
        if args.sizes == parser.get_default("sizes"):
            args.sizes = "1000,10000"
        return table_bench(playbook, floor, hugo, args)
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
