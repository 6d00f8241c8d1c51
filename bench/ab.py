#!/usr/bin/env python3
"""Two playbook binaries side by side on the speed table's corpus (generate.py --rich).

Usage: bench/ab.py OLD NEW [--runs 5] [--work DIR]

OLD and NEW are two `playbook` executables (say, release builds of two commits). Each run, alternating
OLD then NEW, does: a --no-cache build of 1,000 and of 10,000 pages into a fresh folder; on its own
copy of the 10,000-page site, a first build with the cache, a no-op rebuild and a one-page edit. It
prints the median wall and CPU time (user + sys, children included) of each, and NEW/OLD. Alternating
in one run keeps the shared machine's drift out of the ratios; the absolute figures move from minute
to minute. Sites live in /dev/shm/playbook-bench by default (generated when missing).
"""
import argparse, os, shutil, statistics, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from bench import run as measure  # (wall s, cpu s, peak RSS MB) of one command


def run(command):
    """Runs a command; returns (wall seconds, cpu seconds)."""
    return measure(command)[:2]


def site(work, n):
    folder = os.path.join(work, f"site-{n}-rich")
    if not os.path.isdir(folder):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n), folder, "--rich"], check=True,
                       stdout=subprocess.DEVNULL)
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/dev/shm/playbook-bench")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    small, large = site(args.work, 1000), site(args.work, 10000)
    binaries = {"old": os.path.abspath(args.old), "new": os.path.abspath(args.new)}
    copies = {}
    for tag in binaries:
        copies[tag] = os.path.join(args.work, f"ab-site-{tag}")
        shutil.rmtree(copies[tag], ignore_errors=True)
        shutil.copytree(large, copies[tag], ignore=shutil.ignore_patterns("public", ".playbook-cache"))
    results = {}

    def note(tag, name, value):
        results.setdefault(name, {}).setdefault(tag, []).append(value)

    for attempt in range(args.runs):
        for tag, binary in binaries.items():
            for n, folder in ((1000, small), (10000, large)):
                output = os.path.join(args.work, f"out-ab-{tag}")
                shutil.rmtree(output, ignore_errors=True)
                note(tag, f"{n:,} pages, --no-cache", run([binary, "build", "--source", folder, "--output", output, "--no-cache"]))
            copy = copies[tag]
            shutil.rmtree(os.path.join(copy, "public"), ignore_errors=True)
            shutil.rmtree(os.path.join(copy, ".playbook-cache"), ignore_errors=True)
            note(tag, "10,000, first with cache", run([binary, "build", "--source", copy]))
            note(tag, "10,000, no-op", run([binary, "build", "--source", copy]))
            with open(os.path.join(copy, "content", "s00", "p00000.md"), "a", encoding="utf-8") as page:
                page.write(f"\nEdited paragraph {attempt}.\n")
            note(tag, "10,000, one page edited", run([binary, "build", "--source", copy]))
    print(f"old: {binaries['old']}\nnew: {binaries['new']}\n{args.runs} alternating runs, medians, wall / CPU\n")
    print("| | old | new | new/old wall | new/old CPU |\n|---|---|---|---|---|")
    for name, by_tag in results.items():
        wall = {tag: statistics.median(w for w, _ in values) for tag, values in by_tag.items()}
        cpu = {tag: statistics.median(c for _, c in values) for tag, values in by_tag.items()}
        print(f"| {name} | {wall['old'] * 1000:.0f} / {cpu['old'] * 1000:.0f} ms | {wall['new'] * 1000:.0f} / {cpu['new'] * 1000:.0f} ms "
              f"| {wall['new'] / wall['old']:.2f} | {cpu['new'] / cpu['old']:.2f} |")


if __name__ == "__main__":
    main()
