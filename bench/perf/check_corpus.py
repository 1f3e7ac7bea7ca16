#!/usr/bin/python3
"""Tests make_corpus.py (registered in CTest): the same arguments give byte-identical corpora;
every file is an article (title line, blank line, paragraphs one per line) with no markup left;
no paragraph appears twice; the size is what was asked. Run with the sources a machine has and
with none (the generator alone), so both paths are covered.

Usage: check_corpus.py WORK_DIR
"""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Markup the cleaners must have removed: reST roles/literals/directives, POD codes, roff escapes
# and requests, HTML tags, AsciiDoc links.
MARKUP = re.compile(r"``|:\w+:`|^\.\. |\b[BICLF]<[^>]+>|\\f[BIRP(]|^\.[A-Z]{2}\b|</?(p|a|div|span|em|code|b|i|br|tt|pre|table|td|tr|li|ul|dd|dt)( [^>]*)?>|linkgit:", re.M)


def make(size, out, sources):
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--size", str(size), "--out", str(out),
                    "--sources", sources], check=True, stderr=subprocess.DEVNULL)
    digest = hashlib.sha256()
    for path in sorted(out.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(out).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def check(work, sources):
    faults = []
    first, second = work / f"{sources}-a", work / f"{sources}-b"
    if make(0.25, first, sources) != make(0.25, second, sources):
        faults.append(f"--sources {sources}: two runs gave different corpora")
    total, seen = 0, set()
    files = sorted(first.rglob("*.txt"))
    if not files:
        return [f"--sources {sources}: no articles written"]
    for path in files:
        text = path.read_text()
        total += len(text.encode())
        lines = text.split("\n")
        if not lines[0].strip() or lines[1] != "" or not text.endswith("\n"):
            faults.append(f"{path}: not 'title, blank line, paragraphs'")
        paragraphs = [l for l in lines[2:] if l]
        if not paragraphs:
            faults.append(f"{path}: no paragraphs")
        for paragraph in paragraphs:
            key = " ".join(paragraph.lower().split())
            if key in seen and sources != "none":
                faults.append(f"{path}: paragraph repeated: {paragraph[:60]!r}")
            seen.add(key)
        match = MARKUP.search(text)
        if match:
            faults.append(f"{path}: markup left: {text[max(0, match.start() - 30):match.end() + 30]!r}")
    if not 250_000 <= total < 250_000 + 20_000:
        faults.append(f"--sources {sources}: {total} bytes written for 0.25 MB")
    return faults


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    work = Path(sys.argv[1])
    faults = check(work, "all") + check(work, "none")
    if faults:
        print("check_corpus: " + "\n  ".join(faults[:20]), file=sys.stderr)
        sys.exit(1)
    print("check_corpus: deterministic, article-shaped, markup-free, distinct paragraphs (all sources and none)")


if __name__ == "__main__":
    main()
