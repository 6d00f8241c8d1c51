#!/usr/bin/env python3
"""Instruction counts of a Playbook build, per page and per stage, with Valgrind's callgrind.

Usage: bench/instructions.py SITE [--binary PLAYBOOK] [--compare OTHER_PLAYBOOK] [--floor CMARK_FLOOR]

Runs `playbook build --no-cache --jobs 1` on SITE under `valgrind --tool=callgrind` and prints the
instructions each stage executed, per page: a stage is the inclusive count of the function that runs
it (`SourceCollector.collect` is "parse", `SiteRenderer.render` is "templates+write" …), so what its
dependencies execute for it (Yams, swift-mustache, libcmark) is in it; their own shares are printed
too. With --floor, the cmark floor (bench/cmark-floor.c) is counted on the same pages. With --compare,
another binary (say, a release build of an older commit) is counted as well and the change is printed
per stage. With Swift's hashing seeded the same way each run (SWIFT_DETERMINISTIC_HASHING), counts
repeat from run to run to within 0.1% for most stages and 1-3% for templates (threads still
interleave differently, and the runtime caches type lookups by address), so they show
changes far smaller than the machine's timing noise.

Valgrind 3.19 cannot read the DWARF of Swift 6.3 binaries ("possibly corrupted debuginfo"), so each
binary is first copied without its debug information (`strip --strip-debug`; the symbol table, which
names the functions, stays). It also cannot follow an async main's parked main thread: every command
but `serve` runs on the main thread for that reason (`PlaybookCommand.runSynchronously`).
"""
import argparse, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Each row: a name and the functions (patterns on mangled symbols) whose inclusive counts it adds up.
# Of the symbols a pattern matches, the largest count is taken (callgrind also lists a recursive
# function's inner calls and the closures a function runs, which are inside its count).
STAGES = [
    ("config+theme", [r"SiteConfigParserV5parse_4path", r"ThemeLoaderV4loadAA0C0VSg"]),
    ("load", [r"ContentLoaderV4loadAA06LoadedC0VyF"]),
    ("parse", [r"SourceCollectorV7collect_6cached"]),
    ("markdown", [r"MarkdownStageV6render_6routes"]),
    ("structure", [r"RoutePlannerV4plan", r"SiteTreeBuilderV5build_6routes", r"StatusSummaryV_5today"]),
    ("templates+write", [r"SiteRendererV6render_4into"]),
    # One writer of every output but the pages (before the outputs registry), or each output.
    ("search+extras", [r"ExtrasWriterV5write_6assets", r"StaticFilesOutputV5write_4into", r"HostingOutputV5write_4into",
                       r"SearchIndexOutputV5write_4into", r"NavScriptOutputV5write_4into", r"ExportOutputV5write_4into"]),
]
DEPENDENCIES = [
    ("Yams: compose the YAML tree", [r"Yams6ParserC10singleRoot"]),
    ("swift-mustache: render", [r"Mustache0A7LibraryV6render_12withTemplate"]),
    ("swift-mustache: parse templates", [r"Mustache0A8TemplateV6stringACSS_tKcfC"]),
    ("libcmark: parse and render", [r"^cmark_parse_document$", r"^cmark_render_html$"]),
]

LINE = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(\S+?):(.+?)(?: \[(.*)\])?$")


def available():
    return shutil.which("valgrind") is not None and shutil.which("callgrind_annotate") is not None and shutil.which("strip") is not None


def callgrind(command, folder):
    """Runs `command` under callgrind; returns (total instructions, {symbol: inclusive count})."""
    out = os.path.join(folder, "callgrind.out")
    # Swift seeds its hashing per process: fixed here, so dictionaries probe the same way every run.
    environment = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + command,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment)
    if done.returncode != 0 or not os.path.exists(out):
        sys.exit(f"instructions: valgrind failed on {' '.join(command)}:\n{done.stderr[-2000:]}")
    annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                               capture_output=True, text=True, check=True).stdout
    total, counts = 0, {}
    for line in annotated.splitlines():
        found = LINE.match(line)
        if not found:
            continue
        count, symbol = int(found.group(1).replace(",", "")), found.group(3)
        if symbol == "PROGRAM TOTALS" or found.group(2) == "PROGRAM TOTALS":
            total = count
            continue
        counts[symbol] = max(count, counts.get(symbol, 0))
    if not total:
        total = int(re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", annotated).group(1).replace(",", ""))
    os.remove(out)
    return total, counts


def share(counts, patterns):
    return sum(max((c for s, c in counts.items() if re.search(p, s)), default=0) for p in patterns)


def pages_in(site):
    return sum(1 for d, _, files in os.walk(os.path.join(site, "content")) for f in files if f.endswith(".md"))


def measure(binary, site):
    """Instructions of one --no-cache --jobs 1 build of `site`: total and each row, not yet per page."""
    with tempfile.TemporaryDirectory(prefix="playbook-callgrind-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as folder:
        stripped = os.path.join(folder, "playbook")
        subprocess.run(["strip", "--strip-debug", binary, "-o", stripped], check=True)
        total, counts = callgrind([stripped, "build", "--no-cache", "--jobs", "1", "--source", site, "--output", os.path.join(folder, "public")], folder)
    rows = [(name, share(counts, patterns)) for name, patterns in STAGES]
    rows.append(("other (start, threads, exit)", total - sum(value for _, value in rows)))
    return total, rows, [(name, share(counts, patterns)) for name, patterns in DEPENDENCIES]


def floor_count(floor, site):
    with tempfile.TemporaryDirectory(prefix="playbook-callgrind-") as folder:
        out = os.path.join(folder, "out")
        os.makedirs(out)
        total, _ = callgrind([floor, os.path.join(site, "content"), out], folder)
    return total


def report(site, binary, other=None, floor=None):
    """Prints the counts; returns (ours per page, floor per page or None)."""
    n = pages_in(site)
    total, rows, deps = measure(binary, site)
    floor_total = floor_count(floor, site) if floor else None
    print(f"instructions per page (callgrind, --no-cache --jobs 1, {n:,} pages of {site}):")
    if other:
        old_total, old_rows, old_deps = measure(other, site)
        print(f"  {'':<34} {'other':>12} {'this':>12} {'change':>8}")
        for (name, new), (_, old) in zip(rows + [("total", total)] + deps, old_rows + [("total", old_total)] + old_deps):
            change = f"{(new - old) / old * 100:+.2f}%" if old else ""
            print(f"  {name:<34} {old / n:>12,.0f} {new / n:>12,.0f} {change:>8}")
    else:
        for name, value in rows:
            print(f"  {name:<34} {value / n:>12,.0f}")
        print(f"  {'total':<34} {total / n:>12,.0f}" + (f"   ({total / floor_total:.2f}x the floor's)" if floor_total else ""))
        if floor_total:
            print(f"  {'the cmark floor (whole program)':<34} {floor_total / n:>12,.0f}")
        print("  of which in dependencies:")
        for name, value in deps:
            print(f"    {name:<32} {value / n:>12,.0f}" + (f"   ({value / floor_total:.2f}x the floor)" if floor_total else ""))
    return total / n, (floor_total / n if floor_total else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "playbook"))
    parser.add_argument("--compare", metavar="OTHER", help="another playbook binary, counted on the same site")
    parser.add_argument("--floor", help="the compiled bench/cmark-floor.c, counted on the same pages")
    args = parser.parse_args()
    if not available():
        sys.exit("instructions: needs valgrind (apt-get install valgrind) and binutils' strip")
    report(os.path.abspath(args.site), os.path.abspath(args.binary), args.compare and os.path.abspath(args.compare),
           args.floor and os.path.abspath(args.floor))


if __name__ == "__main__":
    main()
