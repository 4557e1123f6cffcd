"""Benchmark: `kompetens serve` under concurrent clients, with and without one big CV upload in the middle.

    python bench/serve.py [--data-dir .kompetens] [--clients 20] [--rounds 3] [--modes 0,2] [--big-mb 3]

For each server mode (``--modes``, default ``0,2``: ``--workers 0`` is the old way, every engine call in the
server process under one lock; ``2`` is two engine worker processes) it starts `kompetens serve` as a
subprocess on a free loopback port and runs two phases of ``--clients`` threads, each sending ``--rounds``
times the review of the demo ad (demo/ads/) and a ranking of the 35 demo CVs (demo/cvs/, default role):

* quiet: those requests alone;
* big: the same while one CV of ``--big-mb`` MB (the demo CVs repeated, .txt) is ranked, sent shortly after
  the clients start; the clients go on until it has been answered.

It prints p50 / p95 / max per request kind and phase, the requests that failed (by status), and the big
upload's own time and status. Figures only, no assertions: the machine may be shared.

The big CV is 3 MB by default, not the 20 MB of the issue: ranking a CV grows faster than linearly with its
length (building the candidate: about 12 s for 2 MB), so 20 MB would hold the lock mode for many minutes and
meet the pool's time limit long before it is done. ``--timeout 300`` lets the pool finish the 3 MB one.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CVS = sorted(p for p in (ROOT / "demo" / "cvs").iterdir() if p.is_file())
AD = sorted((ROOT / "demo" / "ads").iterdir())[0]


@dataclass
class Timings:
    seconds: dict[str, list[float]] = field(default_factory=dict)
    failed: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            if status == 200:
                self.seconds.setdefault(kind, []).append(seconds)
            else:
                self.failed[f"{kind} {status}"] += 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: str | None, workers: int, timeout: float) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cmd = [sys.executable, "-m", "kompetens"]
    if data_dir:
        cmd += ["--data-dir", data_dir]
    cmd += ["serve", "--port", str(port), "--workers", str(workers), "--timeout", str(timeout)]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 120
    while time.monotonic() < end:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped (exit {proc.returncode}): {' '.join(cmd)}")
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not answer within 120 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def big_cv(mb: float) -> bytes:
    """A plain-text CV of about ``mb`` MB: the demo CVs over and over, each copy numbered."""
    texts = [p.read_text(encoding="utf-8") for p in CVS]
    parts: list[str] = []
    size, i = 0, 0
    while size < mb * 1_000_000:
        piece = f"\n\n## Uppdrag {i}\n\n{texts[i % len(texts)]}"
        parts.append(piece)
        size += len(piece.encode())
        i += 1
    return "".join(parts).encode()


def client_loop(url: str, rounds: int, timings: Timings, keep_going: Callable[[], bool]) -> None:
    ad = AD.read_text(encoding="utf-8")
    files = [("cvs", (p.name, p.read_bytes())) for p in CVS]
    with httpx.Client(base_url=url, timeout=600) as client:
        done = 0
        while done < rounds or keep_going():
            t0 = time.perf_counter()
            r = client.post("/api/v1/review", json={"text": ad})
            timings.add("review", time.perf_counter() - t0, r.status_code)
            t0 = time.perf_counter()
            r = client.post("/api/v1/rank", files=files)
            timings.add("rank 35", time.perf_counter() - t0, r.status_code)
            done += 1


def phase(url: str, clients: int, rounds: int, big: bytes | None) -> tuple[Timings, str]:
    timings = Timings()
    big_done = threading.Event()
    outcome = "-"

    def send_big() -> None:
        nonlocal outcome
        time.sleep(0.5)
        t0 = time.perf_counter()
        r = httpx.post(f"{url}/api/v1/rank", files=[("cvs", ("big.txt", big or b""))], timeout=900)
        code = r.json()["error"]["code"] if r.status_code != 200 else ""
        outcome = f"{r.status_code} {code} in {time.perf_counter() - t0:.1f} s".replace("  ", " ")
        big_done.set()

    threads = [
        threading.Thread(
            target=client_loop, args=(url, rounds, timings, lambda: big is not None and not big_done.is_set())
        )
        for _ in range(clients)
    ]
    if big is not None:
        threads.append(threading.Thread(target=send_big))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, outcome


def pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=os.environ.get("KOMPETENS_HOME") or str(ROOT / ".kompetens"))
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3, help="review + rank pairs per client and phase")
    ap.add_argument("--modes", default="0,2", help="--workers values to compare; 0 is the single lock")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--big-mb", type=float, default=3.0)
    args = ap.parse_args()
    big = big_cv(args.big_mb)
    print(
        f"{args.clients} clients x {args.rounds} rounds (review of {AD.name}; rank of {len(CVS)} demo CVs); "
        f"big upload: one {len(big) / 1e6:.1f} MB .txt CV to /api/v1/rank; {os.cpu_count()} CPUs"
    )
    print(
        f"{'server':<14} {'phase':<6} {'request':<8} {'n':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7}  failed"
    )
    for workers in (int(m) for m in args.modes.split(",")):
        label = "lock (0)" if workers == 0 else f"{workers} workers"
        proc, url = start_server(args.data_dir, workers, args.timeout)
        try:
            httpx.post(f"{url}/api/v1/review", json={"text": AD.read_text(encoding="utf-8")}, timeout=120)
            for name, payload in (("quiet", None), ("big", big)):
                timings, outcome = phase(url, args.clients, args.rounds, payload)
                for kind in ("review", "rank 35"):
                    xs = timings.seconds.get(kind, [])
                    fails = ", ".join(
                        f"{k.split()[-1]} x{n}" for k, n in timings.failed.items() if k.startswith(kind)
                    )
                    if xs:
                        print(
                            f"{label:<14} {name:<6} {kind:<8} {len(xs):>4} {pct(xs, 50):>7.2f} "
                            f"{pct(xs, 95):>7.2f} {max(xs):>7.2f}  {fails or '-'}"
                        )
                    else:
                        print(
                            f"{label:<14} {name:<6} {kind:<8} {0:>4} {'':>7} {'':>7} {'':>7}  {fails or '-'}"
                        )
                if payload is not None:
                    print(f"{label:<14} {name:<6} {'big CV':<8} {'':>4} {outcome}")
        finally:
            stop_server(proc)


if __name__ == "__main__":
    main()
