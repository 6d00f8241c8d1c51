#!/usr/bin/env python3
"""Big single inputs: a KPI data file with many rows, and one large static file.

Usage: bench/big-inputs.py [--rows 200000] [--static-mb 300] [--runs 3] [--no-build] [--work DIR]

Builds (release, --no-cache) a site whose one page draws every KPI from `data/k.csv` (ROWS rows,
`name,target,actual`), then a site holding nothing but one page and a STATIC_MB file in `static/`,
and prints the median wall time and the peak RSS of each. The hardening targets: a 200,000-row data
file under 5 s and 400 MB; a static file copied without being read whole (peak far below its size).
"""
import argparse, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, ".build", "release", "playbook")


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"big-inputs: {' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def measure(site, runs):
    results = [run([TOOL, "build", "--no-cache", "--source", site]) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--static-mb", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--work", default="/dev/shm/playbook-big-inputs" if os.path.isdir("/dev/shm") else "/tmp/playbook-big-inputs")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "playbook"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(args.work, ignore_errors=True)

    data_site = os.path.join(args.work, "data-file")
    os.makedirs(os.path.join(data_site, "content"))
    os.makedirs(os.path.join(data_site, "data"))
    with open(os.path.join(data_site, "content", "index.md"), "w") as page:
        page.write("# KPIs\n\n```kpi\nsource: data/k.csv\n```\n")
    with open(os.path.join(data_site, "data", "k.csv"), "w") as csv:
        csv.write("name,target,actual\n")
        for row in range(args.rows):
            csv.write(f"Metric {row},< {row % 500 + 10}ms,{row % 700}ms\n")
    csv_mb = os.path.getsize(os.path.join(data_site, "data", "k.csv")) / 1e6
    wall, rss = measure(data_site, args.runs)
    print(f"data file   {args.rows:>9,} rows ({csv_mb:.1f} MB CSV): median {wall:6.2f} s, peak RSS {rss:6.0f} MB")

    static_site = os.path.join(args.work, "static-file")
    os.makedirs(os.path.join(static_site, "content"))
    os.makedirs(os.path.join(static_site, "static"))
    with open(os.path.join(static_site, "content", "index.md"), "w") as page:
        page.write("# Home\n")
    with open(os.path.join(static_site, "static", "big.bin"), "wb") as big:
        chunk = os.urandom(1 << 20)
        for _ in range(args.static_mb):
            big.write(chunk)
    wall, rss = measure(static_site, args.runs)
    print(f"static file {args.static_mb:>9,} MB:                 median {wall:6.2f} s, peak RSS {rss:6.0f} MB")
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
