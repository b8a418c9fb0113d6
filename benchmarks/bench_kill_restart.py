"""Kill and restart (issue 9): a run killed at random points, then restarted, ends
with exactly the same storyline.json as a run that was never interrupted.

    .venv/bin/python benchmarks/bench_kill_restart.py [--articles 120] [--trials 6]
        [--kills 2] [--workers 1 2] [--engines local dask] [--postgres] [--seed 9]

The corpus is the first N rows of the scale benchmark's corpus (real PolNeAR and
ECB+ texts, see bench_scale.py), as JSON Lines. First one uninterrupted
`storyline analyze` gives the reference storyline.json. Then each trial starts
from an empty store and kills `storyline analyze` (SIGKILL to its whole process
group, worker processes included) up to ``--kills`` times, each at a random
moment within the reference run's duration (so any phase can be hit: reading,
the per-article stage, the corpus stage, writing), and finally lets it finish.
Trials cycle through the engine/worker settings given. ``--postgres`` also runs
every trial against a throwaway PostgreSQL server (see tests/pgserver.py).
Work files go to benchmarks/work/kill-restart/.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from itertools import cycle
from pathlib import Path

from bench_scale import ROOT, WORK, write_corpus

STORYLINE = str(ROOT / ".venv" / "bin" / "storyline")


def analyze(corpus: Path, out: Path, db: str, extra: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [STORYLINE, "analyze", str(corpus), "--out", str(out), "--db", db, "--quiet", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes its workers too
    )


def run_to_end(proc: subprocess.Popen[bytes]) -> None:
    _out, err = proc.communicate()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"storyline analyze failed ({proc.returncode}): {err.decode()[-2000:]}")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--trials", type=int, default=6)
    parser.add_argument("--kills", type=int, default=2, help="kills per trial (at most)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engines", nargs="+", default=["local"], choices=["local", "dask"])
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = WORK / "kill-restart"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    corpus = write_corpus(args.articles, work / "corpus")

    with ExitStack() as stack:
        stores = ["sqlite"]
        server = None
        if args.postgres:
            sys.path.insert(0, str(ROOT))
            from tests.pgserver import postgres_server

            server = stack.enter_context(postgres_server())
            stores.append("postgresql")

        start = time.perf_counter()
        run_to_end(analyze(corpus, work / "reference", str(work / "reference.db"), []))
        reference_s = time.perf_counter() - start
        expected = (work / "reference" / "storyline.json").read_bytes()
        sha = digest(work / "reference" / "storyline.json")
        print(f"corpus {args.articles} articles; uninterrupted run {reference_s:.1f} s; "
              f"storyline.json {len(expected)} bytes, sha256 {sha}", flush=True)  # fmt: skip

        settings = cycle([(e, w) for e in args.engines for w in args.workers])
        failures = 0
        for trial in range(1, args.trials + 1):
            engine, workers = next(settings)
            extra = ["--engine", engine, "--workers", str(workers)]
            for store in stores:
                out = work / f"trial{trial}-{store}"
                db = server.create_database() if server and store == "postgresql" else str(
                    work / f"trial{trial}.db"
                )
                kills = []
                for _ in range(args.kills):
                    at = rng.uniform(0.1, reference_s)
                    proc = analyze(corpus, out, db, extra)
                    time.sleep(at)
                    if proc.poll() is not None:
                        kills.append(f"finished before {at:.1f} s")
                        break
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                    kills.append(f"killed at {at:.1f} s")
                run_to_end(analyze(corpus, out, db, extra))
                same = (out / "storyline.json").read_bytes() == expected
                failures += not same
                print(f"trial {trial} ({store}, {engine} x{workers}): {'; '.join(kills)}; "
                      f"restarted to the end: storyline.json "
                      f"{'IDENTICAL' if same else 'DIFFERENT'} (sha256 "
                      f"{digest(out / 'storyline.json')})", flush=True)  # fmt: skip
        total = args.trials * len(stores)
        print(f"{total - failures}/{total} restarted runs identical to the uninterrupted run")
        if failures:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
