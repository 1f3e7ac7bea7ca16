#!/usr/bin/python3
"""Makes a deterministic benchmark corpus: N MB of article-like UTF-8 .txt files.

Each file is a title line, a blank line, then paragraphs (one per line, blank lines between).
The text is real English prose that Debian packages ship (bench/perf/install-deps.sh installs
them): the Linux kernel's reStructuredText docs, Python's reST docs, Perl's POD, PostgreSQL's
HTML manual, Git's AsciiDoc manual, man pages (roff) and the King James Bible. Markup is
stripped, code blocks and tables are dropped, only paragraphs that read as prose are kept, and a
paragraph is written once in the whole corpus (normalized-text hash), so the text is distinct.
Sources are read in sorted path order and interleaved round-robin, article by article, so any
prefix of the corpus (the 10 MB one is a prefix of the 100 MB one) mixes every source.

When the real sources run out before N MB, the rest is generated from a seeded word-bigram model
trained on the real paragraphs (whitespace tokens with their punctuation, so sentences end where
real sentences end): every generated word follows a word it really followed. Plain duplication
would compress (and index) unrealistically well; bigram text keeps the real vocabulary, its
Zipf distribution and local word order. manifest.json says how many bytes came from each source
and how many were generated.

Same arguments, same installed packages → byte-identical corpus.
"""

import argparse
import array
import gzip
import hashlib
import html.parser
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ARTICLE_TARGET_BYTES = 5000      # news-article-like length; long documents are cut in parts
ARTICLE_MIN_BYTES = 400          # shorter documents (stub pages) are left out
FILES_PER_DIRECTORY = 1000
BIGRAM_TRAINING_BYTES = 40 << 20  # bounds the model's memory (~4 bytes per training word)
GENERATOR_SEED = 20261125


# ---------------------------------------------------------------- reading sources

def read_text(path):
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def sorted_files(root, suffixes):
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name.endswith(suffixes))


WORD_RE = re.compile(r"[A-Za-z][a-z']*")


def is_prose(paragraph):
    """True for a paragraph a person would read as English sentences, not code or a table."""
    words = paragraph.split()
    if len(words) < 8 or len(paragraph) > 6000:
        return False
    plain = sum(1 for w in words if WORD_RE.fullmatch(w.strip(".,;:!?()\"'")))
    if plain < 0.7 * len(words):
        return False
    return any(c in paragraph for c in ".!?") and not paragraph.rstrip().endswith("::")


def join_lines(lines):
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def split_blocks(lines):
    """Groups lines into blocks separated by blank lines."""
    block = []
    for line in lines:
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


# reStructuredText (Linux kernel docs, Python docs)
RST_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+.:_])\1{2,}\s*$")
RST_ROLE = re.compile(r":[\w:+-]+:`([^`<]*?)\s*(?:<[^`>]*>)?`")
RST_LINK = re.compile(r"`([^`<]+?)\s*<[^`>]*>`_{1,2}")


def rst_inline(text):
    text = RST_ROLE.sub(r"\1", text)
    text = RST_LINK.sub(r"\1", text)
    text = re.sub(r"``([^`]*)``", r"\1", text)
    text = re.sub(r"`([^`]*)`_{0,2}", r"\1", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\1", text)
    text = re.sub(r"\*([^*\s][^*]*)\*", r"\1", text)
    text = re.sub(r"\|([^|\s][^|]*)\|", r"\1", text)
    text = re.sub(r"\[#?\w*\]_", "", text)
    return text.replace("\\", "")


def parse_rst(text):
    lines = text.splitlines()
    title, paragraphs, literal_indent = None, [], None
    for block in split_blocks(lines):
        first = block[0]
        indent = len(first) - len(first.lstrip())
        # A block indented under a "::" paragraph or a code directive is a literal (code)
        # block; it ends at the first block indented no deeper than what introduced it.
        if literal_indent is not None:
            if indent > literal_indent:
                continue
            literal_indent = None
        stripped = first.lstrip()
        if block[-1].rstrip().endswith("::") or re.match(
                r"\.\. (code-block|code|sourcecode|literalinclude|productionlist|doctest|testcode|"
                r"testoutput|highlight|kernel-doc|toctree|csv-table|list-table|table|raw|only)", stripped):
            literal_indent = indent
        # A heading: text then an adornment line (optionally an overline too).
        plain = [l for l in block if not RST_ADORNMENT.match(l)]
        if len(plain) == 1 and len(block) > 1:
            if title is None:
                title = rst_inline(plain[0].strip())
            continue
        # Directives (their indented prose bodies, e.g. a function's description, are kept),
        # comments, tables, field lists and interactive sessions are not prose.
        if stripped.startswith((".. ", "..\t", "+-", "|", ":", "=", ">>>", "$ ", "# ")):
            continue
        paragraphs.append(rst_inline(join_lines(l.strip() for l in block)))
    return title, paragraphs


# POD (Perl docs)
POD_CODE = re.compile(r"[A-Z]<<+\s*(.*?)\s*>+>|[A-Z]<([^<>]*)>")


def pod_inline(text):
    for _ in range(4):  # nested formatting codes: innermost first
        text = POD_CODE.sub(lambda m: (m.group(1) if m.group(1) is not None else m.group(2)).split("|")[0], text)
    return text


def parse_pod(text):
    title, paragraphs, want_name = None, [], False
    for block in split_blocks(text.splitlines()):
        first = block[0]
        if first.startswith("="):
            want_name = first.startswith("=head1 NAME")
            if title is None and first.startswith("=head") and not want_name:
                title = pod_inline(first.split(None, 1)[1].strip()) if " " in first else None
            continue
        if first[:1].isspace():
            continue
        paragraph = pod_inline(join_lines(block))
        if want_name:
            title, want_name = paragraph, False
            continue
        paragraphs.append(paragraph)
    return title, paragraphs


# AsciiDoc (Git's manual)
def parse_asciidoc(text):
    lines, title, paragraphs, in_listing = text.splitlines(), None, [], False
    kept = []
    for line in lines:
        if re.match(r"^(-{4,}|\.{4,}|={4,}|\+{4,}|_{4,}|\*{4,})\s*$", line):
            in_listing = not in_listing if line[0] in "-.+_" else in_listing
            kept.append("")
            continue
        kept.append("" if in_listing else line)
    for block in split_blocks(kept):
        plain = [l for l in block if not re.match(r"^[=\-~^+]{3,}\s*$", l)]
        if len(plain) == 1 and len(block) > 1 or block[0].startswith("="):
            if title is None:
                title = plain[0].lstrip("= ").strip() if plain else None
            continue
        if block[0][:1].isspace() or block[0].startswith(("[", "|", ":", "//", "include::")):
            continue
        paragraph = join_lines(block)
        paragraph = re.sub(r"linkgit:([\w-]+)\[\d\]", r"\1", paragraph)
        paragraph = re.sub(r"`([^`]*)`", r"\1", paragraph)
        paragraph = re.sub(r"\{[\w-]+\}", "", paragraph)
        paragraphs.append(paragraph)
    return title, paragraphs


# HTML (PostgreSQL's manual): the text of <p> elements; <pre> and tables are not prose.
class ParagraphExtractor(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.paragraphs = None, []
        self._in_title, self._in_p, self._skip, self._text = False, 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag == "p":
            self._in_p, self._text = 1, []
        elif tag in ("pre", "table", "script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "p" and self._in_p:
            self._in_p = 0
            self.paragraphs.append(join_lines(self._text))
        elif tag in ("pre", "table", "script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data
        elif self._in_p and not self._skip:
            self._text.append(data)


def parse_html(text):
    parser = ParagraphExtractor()
    parser.feed(text)
    title = parser.title.strip() if parser.title else None
    return title, parser.paragraphs


# roff (man pages)
ROFF_ESCAPES = [
    (re.compile(r"\\f(\[[^\]]*\]|\(..|.)"), ""),
    (re.compile(r"\\\*(\[[^\]]*\]|\(..|.)"), ""),
    (re.compile(r"\\[mn](\[[^\]]*\]|\(..|.)"), ""),
    (re.compile(r"\\[ud]"), ""),
    (re.compile(r"\\\((em|en)"), "—"),
    (re.compile(r"\\\((aq|cq|rq|lq)"), "'"),
    (re.compile(r"\\\((dq|Lq|Rq)"), '"'),
    (re.compile(r"\\\(.."), ""),
    (re.compile(r"\\\[[^\]]*\]"), ""),
    (re.compile(r"\\s[-+]?\d"), ""),
    (re.compile(r"\\[&|^%:)]"), ""),
    (re.compile(r"\\[-e]"), "-"),
    (re.compile(r"\\(.)"), r"\1"),
]


def roff_inline(text):
    for pattern, replacement in ROFF_ESCAPES:
        text = pattern.sub(replacement, text)
    return text.replace("``", "“").replace("''", "”")  # roff's typographic quotes


def parse_roff(text):
    title, paragraphs, current, no_fill, name_next = None, [], [], False, False

    def flush():
        if current:
            paragraphs.append(roff_inline(join_lines(current)))
            current.clear()

    for line in text.splitlines():
        if line.startswith((".", "'")):
            parts = line[1:].split(None, 1)
            macro = parts[0] if parts else ""
            argument = parts[1].replace('"', "") if len(parts) > 1 else ""
            if macro in ("nf", "EX"):
                flush()
                no_fill = True
            elif macro in ("fi", "EE"):
                no_fill = False
            elif macro in ("B", "I", "BR", "IR", "RB", "RI", "BI", "IB", "SM", "SB") and not no_fill:
                current.append(argument.replace(" ", "") if macro in ("BR", "IR", "RB", "RI", "BI", "IB") else argument)
            else:
                flush()
                name_next = macro == "SH" and argument.strip().upper() == "NAME"
            continue
        if no_fill:
            continue
        if not line.strip():
            flush()
            continue
        if name_next and title is None:
            title = roff_inline(line).strip()
            name_next = False
            continue
        current.append(line)
    flush()
    return title, paragraphs[1:] if paragraphs and title and paragraphs[0].startswith(title[:10]) else paragraphs


# ---------------------------------------------------------------- sources

def documents_from_files(files, parse):
    for path in files:
        try:
            title, paragraphs = parse(read_text(path))
        except (OSError, ValueError, EOFError, gzip.BadGzipFile) as error:
            print(f"make_corpus: skipping {path}: {error}", file=sys.stderr)
            continue
        name = re.sub(r"(\.(rst|txt|pod|html|gz|\d\w*))+$", "", path.name)
        yield (title or name).strip(), paragraphs


def bible_documents():
    """The King James Bible, a chapter per document, four verses per paragraph."""
    if not shutil.which("bible"):
        return
    try:
        text = subprocess.run(["bible", "-f", "gen1:1-rev22:21"], capture_output=True, text=True,
                              check=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError) as error:
        print(f"make_corpus: the bible program failed ({error}); leaving the Bible out", file=sys.stderr)
        return
    chapters = {}
    order = []
    for line in text.splitlines():
        match = re.match(r"^(\d?\s?[A-Z][a-z]+)(\d+):(\d+)\s+(.*)$", line)
        if not match:
            continue
        key = f"{match.group(1)} {match.group(2)}"
        if key not in chapters:
            chapters[key] = []
            order.append(key)
        chapters[key].append(match.group(4))
    for key in order:
        verses = chapters[key]
        yield f"The Bible, King James Version: {key}", [" ".join(verses[i:i + 4]) for i in range(0, len(verses), 4)]


def man_files():
    return [p for p in sorted_files("/usr/share/man", (".gz",))
            if re.search(r"/man/man[1-8]/", str(p))]


SOURCES = [
    # (name, Debian package, documents generator factory)
    ("linux-doc", "linux-doc", lambda: documents_from_files(
        sorted_files("/usr/share/doc/linux-doc-6.1/Documentation", (".rst.gz", ".rst")), parse_rst)),
    ("python-doc", "python3-doc", lambda: documents_from_files(
        sorted_files("/usr/share/doc/python3.11/html/_sources", (".rst.txt",)), parse_rst)),
    ("perl-doc", "perl-doc", lambda: documents_from_files(
        sorted_files("/usr/share/perl", (".pod",)), parse_pod)),
    ("postgresql-doc", "postgresql-doc-15", lambda: documents_from_files(
        sorted_files("/usr/share/doc/postgresql-doc-15/html", (".html",)), parse_html)),
    ("git-doc", "git-doc", lambda: documents_from_files(
        sorted_files("/usr/share/doc/git-doc", (".txt",)), parse_asciidoc)),
    ("man-pages", "manpages and installed packages", lambda: documents_from_files(man_files(), parse_roff)),
    ("bible-kjv", "bible-kjv-text", bible_documents),
]


def articles(source_name, documents, seen):
    """Cuts documents into article-sized pieces of prose, each paragraph once corpus-wide."""
    for title, paragraphs in documents:
        title = re.sub(r"\s+", " ", title)[:150]
        kept = []
        for paragraph in paragraphs:
            if not is_prose(paragraph):
                continue
            key = hashlib.blake2b(" ".join(paragraph.lower().split()).encode(), digest_size=12).digest()
            if key in seen:
                continue
            seen.add(key)
            kept.append(paragraph)
        part, chunk, size = 1, [], 0
        chunks = []
        for paragraph in kept:
            chunk.append(paragraph)
            size += len(paragraph.encode())
            if size >= ARTICLE_TARGET_BYTES:
                chunks.append(chunk)
                chunk, size = [], 0
        if chunk and (size >= ARTICLE_MIN_BYTES or not chunks):
            chunks.append(chunk)
        elif chunk:
            chunks[-1].extend(chunk)
        for chunk in chunks:
            body = "\n\n".join(chunk)
            if len(body.encode()) < ARTICLE_MIN_BYTES:
                continue
            heading = title if len(chunks) == 1 else f"{title} (part {part})"
            part += 1
            yield source_name, f"{heading}\n\n{body}\n", chunk


# ---------------------------------------------------------------- the bigram generator

class BigramModel:
    """Successor lists over interned words: every generated word really followed its predecessor."""

    def __init__(self, paragraphs, rng):
        self.words, self.ids, self.successors, self.starters = [], {}, [], array.array("I")
        self.rng = rng
        for paragraph in paragraphs:
            previous = None
            for word in paragraph.split():
                wid = self._intern(word)
                if previous is None or self.words[previous][-1:] in (".", "?", "!"):
                    if word[:1].isupper():
                        self.starters.append(wid)
                else:
                    self.successors[previous].append(wid)
                previous = wid
        if not self.starters:
            raise ValueError("no sentences to learn from")

    def _intern(self, word):
        wid = self.ids.get(word)
        if wid is None:
            wid = self.ids[word] = len(self.words)
            self.words.append(word)
            self.successors.append(array.array("I"))
        return wid

    def sentence(self, max_words=40):
        rng, words = self.rng, []
        wid = self.starters[rng.randrange(len(self.starters))]
        while True:
            word = self.words[wid]
            words.append(word)
            if word[-1:] in (".", "?", "!") and len(words) > 3:
                break
            following = self.successors[wid]
            if not following or len(words) >= max_words:
                words[-1] = words[-1].rstrip(",;:") + "."
                break
            wid = following[rng.randrange(len(following))]
        return words

    def article(self):
        rng = self.rng
        title_words = self.sentence()[: rng.randint(4, 9)]
        title = " ".join(title_words).rstrip(".,;:!?")
        paragraphs = []
        for _ in range(rng.randint(3, 9)):
            words, target = [], rng.randint(40, 140)
            while len(words) < target:
                words.extend(self.sentence())
            paragraphs.append(" ".join(words))
        return f"{title[:1].upper()}{title[1:]}\n\n" + "\n\n".join(paragraphs) + "\n"


def fallback_paragraphs(repository):
    """Prose that ships with the repository (sample articles, ../shared/seeds), for machines
    without the documentation packages: the smoke test must run anywhere."""
    paragraphs = []
    for directory in (repository / "docs" / "samples", repository.parent / "shared" / "seeds"):
        for path in sorted_files(directory, (".txt",)):
            paragraphs.extend(l.strip() for l in read_text(path).splitlines() if len(l.split()) >= 8)
    return paragraphs


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=float, required=True, help="corpus size in MB (10^6 bytes)")
    parser.add_argument("--out", type=Path, required=True, help="output directory (replaced)")
    parser.add_argument("--real-only", action="store_true", help="stop where the real sources run out")
    parser.add_argument("--sources", default="all",
                        help="comma-separated subset of " + ",".join(name for name, _, _ in SOURCES)
                        + ", 'all' (default) or 'none' (generate from the repository's sample articles only, "
                        "as on a machine without the documentation packages)")
    args = parser.parse_args()
    if args.size <= 0:
        parser.error(f"--size must be positive, got {args.size}")
    target = int(args.size * 1_000_000)

    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)

    seen = set()  # shared across sources: a paragraph appears once in the corpus
    known = [name for name, _, _ in SOURCES]
    chosen = known if args.sources == "all" else [] if args.sources == "none" else args.sources.split(",")
    unknown = [name for name in chosen if name not in known]
    if unknown:
        parser.error(f"unknown source {', '.join(unknown)}; choose from {', '.join(known)}, all or none")
    streams = [(name, package, articles(name, factory(), seen)) for name, package, factory in SOURCES
               if name in chosen]
    per_source = {name: {"package": package, "articles": 0, "bytes": 0, "exhausted": False}
                  for name, package, _ in streams}
    total, count, training, training_bytes = 0, 0, [], 0

    def write(text, source):
        nonlocal total, count
        directory = args.out / f"{count // FILES_PER_DIRECTORY:04d}"
        directory.mkdir(exist_ok=True)
        data = text.encode()
        (directory / f"{count:07d}-{source}.txt").write_bytes(data)
        count += 1
        total += len(data)
        return len(data)

    active = list(streams)
    while active and total < target:
        for stream in list(active):
            if total >= target:
                break
            name, _, iterator = stream
            try:
                source, text, paragraphs = next(iterator)
            except StopIteration:
                per_source[name]["exhausted"] = True
                active.remove(stream)
                continue
            size = write(text, source)
            per_source[name]["articles"] += 1
            per_source[name]["bytes"] += size
            if training_bytes < BIGRAM_TRAINING_BYTES:
                training.extend(paragraphs)
                training_bytes += size
    real_bytes = total
    real_exhausted = not active

    generated_articles = 0
    if total < target and not args.real_only:
        if real_exhausted:
            print(f"make_corpus: the real sources ran out at {real_bytes / 1e6:.1f} MB; generating "
                  f"{(target - total) / 1e6:.1f} MB from their word bigrams", file=sys.stderr)
        training_source = f"the first {training_bytes / 1e6:.1f} MB of real articles"
        if not training:
            training = fallback_paragraphs(Path(__file__).resolve().parents[2])
            training_source = "the repository's sample articles (docs/samples, ../shared/seeds)"
            print("make_corpus: no documentation packages found (bench/perf/install-deps.sh installs "
                  "them); generating from the repository's sample articles", file=sys.stderr)
        model = BigramModel(training, random.Random(GENERATOR_SEED))
        while total < target:
            write(model.article(), "generated")
            generated_articles += 1

    manifest = {
        "target_bytes": target,
        "bytes": total,
        "articles": count,
        "real_bytes": real_bytes,
        "real_sources_exhausted": real_exhausted,
        "generated_bytes": total - real_bytes,
        "generated_articles": generated_articles,
        "generator": f"word bigrams of {training_source}, seed {GENERATOR_SEED}"
                     if generated_articles else None,
        "sources": per_source,
    }
    (args.out.parent / (args.out.name + ".manifest.json")).write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"make_corpus: {count} articles, {total / 1e6:.1f} MB ({real_bytes / 1e6:.1f} MB real prose, "
          f"{(total - real_bytes) / 1e6:.1f} MB generated) in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
