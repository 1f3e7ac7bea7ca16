#!/usr/bin/python3
"""Checks that run.py measures the engines of one size in separate runs and merges them.

    check_merge.py WORK_DIR BIN_DIR QUERY_LATENCY

Runs run.py twice on a 0.3 MB corpus into WORK_DIR: first Pith alone, then one peer alone (the
first of ripgrep and sqlite3 that is installed; without either it checks Pith's run alone). The
second run must keep Pith's entry as the first wrote it, add the peer's, give each entry its own
date and load average, and say in RESULTS.md that the size's engines come from separate runs.
Exit 1 with the faults listed otherwise.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(work, bin_dir, query_latency, engines):
    subprocess.run(["/usr/bin/python3", str(HERE / "run.py"), "--size", "0.3", "--repeat", "1",
                    "--out", str(work / "out"), "--results-dir", str(work / "results"),
                    "--results-md", str(work / "RESULTS.md"), "--bin-dir", str(bin_dir),
                    "--query-latency", str(query_latency), "--engines", engines],
                   check=True, stdout=subprocess.DEVNULL)
    return json.loads((work / "results" / "perf-0.3MB.json").read_text())


def main():
    work, bin_dir, query_latency = (Path(a) for a in sys.argv[1:4])
    if work.exists():
        shutil.rmtree(work / "results", ignore_errors=True)
        (work / "RESULTS.md").unlink(missing_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    faults = []
    first = run(work, bin_dir, query_latency, "pith")
    pith = first["engines"].get("pith")
    if not pith or "measured" not in pith or "load_average" not in pith:
        faults.append(f"Pith's entry lacks its date or load average: {pith and sorted(pith)}")
    peer = "ripgrep" if shutil.which("rg") else "fts5" if shutil.which("sqlite3") else None
    if peer is None:
        print("check_merge.py: no ripgrep or sqlite3 installed; checked a single run only")
    else:
        second = run(work, bin_dir, query_latency, peer)
        if second["engines"].get("pith") != pith:
            faults.append("the second run did not keep Pith's entry as the first run wrote it")
        entry = second["engines"].get(peer)
        if not entry or "fresh" not in entry or "measured" not in entry:
            faults.append(f"the second run has no complete {peer} entry: {entry and sorted(entry)}")
        elif entry.get("run") == pith.get("run"):
            faults.append("both entries carry the same run id")
        heading = next((line for line in (work / "RESULTS.md").read_text().splitlines()
                        if line.startswith("### 0.3 MB")), "")
        if "engines measured in separate runs" not in heading:
            faults.append(f"RESULTS.md does not say the engines were measured separately: {heading!r}")
    if faults:
        print("check_merge.py: failed:\n  " + "\n  ".join(faults), file=sys.stderr)
        sys.exit(1)
    print(f"check_merge.py: passed (pith{', ' + peer if peer else ''})")


if __name__ == "__main__":
    main()
