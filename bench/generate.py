#!/usr/bin/env python3
"""Generates a deterministic synthetic playbook of N pages for benchmarks.

Usage: bench/generate.py N OUT_DIR [--hugo] [--code | --no-code] [--rich] [--real] [--wikilinks]
Each page is about 5.8 KB of Markdown: front matter, headings, paragraphs, lists, a code block,
links to other pages, and on every fifth page a generated block (kpi, checklist or risks).
Pages are spread over 10–50 sections. With --hugo, OUT_DIR is laid out as a Hugo site with the
same pages (blocks become ordinary code blocks) and a theme whose sidebar lists the section's pages.
With --rich (speed issue 17's corpus), each page's front matter is about 20 lines, with lists of
mappings (owners, links) and a nested mapping, besides the usual internal links and code block.
With --real (the shape of a real handbook; implies --rich), pages also show images (SVG and PNG, from
content/images/, a third of the pages one and every tenth three) and their code is in 24 languages
(one block a page, a second one on every seventh); keep N under 1,000 to have the export on, as a
real site of that size has by default. With --wikilinks, every page ends with a "Related" section
holding two wikilinks, one to another page by name and one to that section of a third page (the rest
of the page is the same as without).
"""
import os, random, struct, sys, zlib

LANGUAGES = ("python go rust java kotlin swift ruby php c cpp csharp javascript typescript bash sql yaml json toml "
             "dockerfile makefile haskell scala lua elixir").split()

WORDS = ("stakeholder risk latency budget owner review cadence priority impact urgency effort rollout "
         "service database query index cache queue retry timeout deploy incident postmortem metric target "
         "uptime error capacity migration schema contract test mentor design tradeoff roadmap milestone").split()


def sentence(rng, n=14):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences=5):
    return " ".join(sentence(rng, rng.randint(10, 18)) for _ in range(sentences))


def block(rng, i):
    kind = ("kpi", "checklist", "risks")[i % 3]
    if kind == "kpi":
        return "```kpi\n" + "".join(
            f"- name: Metric {j}\n  target: < {rng.randint(50, 500)}ms\n  actual: {rng.randint(40, 600)}ms\n  better: lower\n  history: [{rng.randint(50, 600)}ms, {rng.randint(50, 600)}ms]\n"
            for j in range(4)) + "```\n"
    if kind == "checklist":
        return "```checklist\n" + "".join(f"- text: {sentence(rng, 6)}\n  done: {'true' if j % 2 else 'false'}\n" for j in range(5)) + "```\n"
    return "```risks\n" + "".join(
        f"- risk: {sentence(rng, 5)}\n  likelihood: {rng.randint(1, 5)}\n  impact: {rng.randint(1, 5)}\n  owner: Team {j}\n"
        for j in range(4)) + "```\n"


def code_blocks(rng, i):
    """--code: SQL, shell and YAML that differ on every page (so no cache hides the highlighting cost)."""
    table, column, limit = f"orders_{i}", f"col_{rng.randint(1, 99)}", rng.randint(5, 500)
    sql = (f"-- slowest {table} queries\nSELECT id, {column}, created_at\nFROM {table}\nWHERE {column} > {rng.randint(1, 999)}\n"
           f"  AND status = 'open'\nORDER BY created_at DESC\nLIMIT {limit};\n")
    shell = (f"# restart worker {i}\nkubectl -n shop-{i % 7} rollout restart deployment/api-{i}\n"
             f"for pod in $(kubectl get pods -o name | grep api-{i}); do\n  kubectl logs \"$pod\" --tail={limit} | grep -c ERROR\ndone\n")
    yaml = (f"# alert {i}\ngroups:\n  - name: shop-{i}\n    rules:\n      - alert: LatencyHigh{i}\n"
            f"        expr: p95_latency_seconds{{job=\"api-{i}\"}} > 0.{rng.randint(1, 9)}\n        for: {rng.randint(1, 30)}m\n")
    return f"```sql\n{sql}```\n\n```bash\n{shell}```\n\n```yaml\n{yaml}```\n\n"


def png(width, height, shade):
    """A valid grey PNG of that size (uncompressed rows, deflated): a few hundred bytes to a few KB."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    rows = b"".join(b"\x00" + bytes((shade + x * 7 + y * 3) % 256 for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def svg(rng, number):
    bars = "".join(f'<rect x="{10 + 30 * k}" y="{200 - h}" width="20" height="{h}" fill="#{rng.randrange(0x1000000):06x}"/>'
                   for k, h in enumerate(rng.randint(20, 180) for _ in range(rng.randint(5, 40))))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1240 220" role="img"><title>Figure {number}</title>'
            f'{bars}</svg>\n')


def write_images(content, rng):
    folder = os.path.join(content, "images")
    os.makedirs(folder, exist_ok=True)
    for k in range(40):
        with open(os.path.join(folder, f"fig-{k:02d}.svg"), "w") as f:
            f.write(svg(rng, k))
        with open(os.path.join(folder, f"shot-{k:02d}.png"), "wb") as f:
            f.write(png(64 + 8 * k, 48 + 6 * k, k * 5))


def real_extras(rng, i):
    """--real: the page's images and its code in one of LANGUAGES."""
    parts = []
    count = 3 if i % 10 == 0 else 1 if i % 3 == 0 else 0
    for k in range(count):
        name = f"fig-{(i + k) % 40:02d}.svg" if (i + k) % 2 else f"shot-{(i + k) % 40:02d}.png"
        parts.append(f"![Figure {i}.{k}: {sentence(rng, 4)[:-1]}](../images/{name})\n\n")
    for language in [LANGUAGES[i % len(LANGUAGES)]] + ([LANGUAGES[(i * 5 + 3) % len(LANGUAGES)]] if i % 7 == 0 else []):
        parts.append(f"```{language}\n// {language} example {i}\nvalue_{i} = compute({rng.randint(1, 999)})\nprint(value_{i})\n```\n\n")
    return "".join(parts)


def page_body(rng, i, n, sections, hugo, code="default"):
    parts = []
    for h in range(4):
        parts.append(f"## {sentence(rng, 4)[:-1]}\n\n{paragraph(rng)}\n")
        parts.append("".join(f"- {sentence(rng, 8)}\n" for _ in range(4)) + "\n")
        if h == 1:
            target = rng.randrange(n)
            sec = target % sections
            link = f"../s{sec:02d}/p{target:05d}.md" if not hugo else f"/s{sec:02d}/p{target:05d}/"
            parts.append(f"See [page {target}]({link}) and [the next]({link}).\n\n")
        if h == 2 and code == "real":
            parts.append(real_extras(rng, i))
        elif h == 2 and code == "code":
            parts.append(code_blocks(rng, i))
        elif h == 2 and code == "default":
            parts.append("```swift\nlet value = compute(input)\nprint(value)\n```\n\n")
    if i % 5 == 0:
        parts.append(block(rng, i // 5) if not hugo else "```text\n(generated block)\n```\n")
        parts.append("\n")
    parts.append(paragraph(rng, 6) + "\n")
    return "".join(parts)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    hugo = "--hugo" in sys.argv
    code = "code" if "--code" in sys.argv else "none" if "--no-code" in sys.argv else "default"
    rich = "--rich" in sys.argv or "--real" in sys.argv
    if "--real" in sys.argv:
        code = "real"
    sections = max(10, min(50, n // 100 or 10))
    rng = random.Random(42)
    content = os.path.join(out, "content")
    os.makedirs(content, exist_ok=True)
    if code == "real":
        write_images(content, random.Random(7))
    for s in range(sections):
        os.makedirs(os.path.join(content, f"s{s:02d}"), exist_ok=True)
        with open(os.path.join(content, f"s{s:02d}", "_index.md"), "w") as f:
            f.write(f"---\ntitle: Section {s}\nweight: {s}\n---\n{paragraph(rng, 2)}\n")
    for i in range(n):
        sec = i % sections
        body = page_body(rng, i, n, sections, hugo, code)
        front = f"---\ntitle: \"Page {i}: {sentence(rng, 3)[:-1]}\"\nweight: {i}\ndate: 2026-0{1 + i % 9}-1{i % 9}\ntags: [t{i % 7}]\n"
        if rich:
            front += (f"description: \"{sentence(rng, 12)}\"\nstatus: {('draft-review', 'active', 'stable')[i % 3]}\n"
                      f"owners:\n  - name: Owner {i % 13}\n    role: lead\n  - name: Owner {(i + 5) % 13}\n    role: reviewer\n"
                      f"links:\n  - title: Runbook {i}\n    url: https://example.org/runbooks/{i}\n"
                      f"  - title: Dashboard {i}\n    url: https://example.org/dashboards/{i}\n"
                      f"review:\n  cadence: {('weekly', 'monthly')[i % 2]}\n  next: 2026-1{i % 3}-0{1 + i % 9}\n"
                      f"replaces: [old/p{i}, older/p{i}]\n")
        front += "---\n"
        if "--wikilinks" in sys.argv:
            body += f"\n## Related\n\nSee [[p{(i * 7 + 1) % n:05d}]] and [[p{(i * 13 + 5) % n:05d}#Related|its related pages]].\n"
        with open(os.path.join(content, f"s{sec:02d}", f"p{i:05d}.md"), "w") as f:
            f.write(front + f"# Page {i}\n\n" + body)
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write("---\ntitle: Benchmark playbook\n---\nA synthetic playbook.\n")
    if hugo:
        write_hugo_site(out)
    else:
        with open(os.path.join(out, "playbook.yml"), "w") as f:
            f.write("title: Benchmark playbook\n")


def write_hugo_site(out):
    with open(os.path.join(out, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ntitle = "Benchmark playbook"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
                'uglyURLs = true\nrelativeURLs = true\n[markup.goldmark.renderer]\nunsafe = false\n')
    layouts = os.path.join(out, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    base = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if eq .Section $.Section }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</li>{{ end }}</ul></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>"""
    open(os.path.join(layouts, "baseof.html"), "w").write(base)
    open(os.path.join(layouts, "single.html"), "w").write('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ end }}')
    open(os.path.join(layouts, "list.html"), "w").write('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}')


if __name__ == "__main__":
    main()
