#!/usr/bin/env python3
"""Time from saving a page to the reload event of `playbook serve`.

Usage: bench/serve-latency.py SITE_DIR [--edits 9] [--binary .build/release/playbook]
Starts the server on a free port on 127.0.0.1, listens to /__playbook/events, appends a line to one
content page per edit, and prints the median and spread of the time from the write to the event.
"""
import argparse, os, socket, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "playbook"))
    args = parser.parse_args()
    server = subprocess.Popen([args.binary, "serve", "--source", args.site, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        events = socket.create_connection(("127.0.0.1", port))
        events.sendall(b"GET /__playbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        events.settimeout(30)
        buffer = b""
        while b": connected" not in buffer:
            buffer += events.recv(65536)
        pages = sorted(os.path.join(d, f) for d, _, files in os.walk(os.path.join(args.site, "content"))
                       for f in files if f.endswith(".md") and not f.startswith("_"))
        page = pages[len(pages) // 2]
        original = open(page, encoding="utf-8").read()
        times = []
        try:
            for edit in range(args.edits):
                time.sleep(0.3)
                buffer = b""
                start = time.perf_counter()
                with open(page, "w", encoding="utf-8") as f:
                    f.write(original + f"\n\nEdit number {edit}.\n")
                while b"event: reload" not in buffer:
                    buffer += events.recv(65536)
                times.append((time.perf_counter() - start) * 1000)
        finally:
            with open(page, "w", encoding="utf-8") as f:
                f.write(original)
        count = len(pages)
        print(f"{count} content pages ({os.path.relpath(page, args.site)} edited {args.edits} times): save → reload event "
              f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
