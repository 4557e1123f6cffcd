"""Load benchmark of `kompetens serve` on loopback: N clients, with and without one maximum-size CV upload.

    python bench/serve_load.py [--data-dir .kompetens] [--clients 20] [--rounds 3] [--modes 0,2]
                               [--big-mb 20] [--max-seconds 120] [--timeout 60] [--url http://127.0.0.1:PORT]

For each server mode (``--modes``, default ``0,2``: ``--workers 0`` is the baseline, every engine call in the
server process under one lock; ``2`` is two engine worker processes) it starts `kompetens serve` on a free
loopback port (over a scratch data folder that links the files of ``--data-dir``, so nothing is written
there) and runs two phases of ``--clients`` threads, each sending ``--rounds`` times the review of the demo
ad (demo/ads/) and a ranking of the 35 demo CVs (demo/cvs/, default role):

* quiet: those requests alone;
* big: the same while one client uploads one CV of ``--big-mb`` MB (the demo CVs repeated, .txt; by default
  20 MB, the most one file may hold) to /api/v1/rank; the clients go on until it has been answered or
  ``--max-seconds`` have passed.

It prints p50 / p95 / max per request kind and phase, the 5xx answers (and other failures) by status, the
big upload's own outcome, and the ratio of each p95 of the baseline (the first mode) to the others'.
Figures only, no assertions: the machine may be shared.

Bounded: it talks to loopback only (``--url`` must name 127.0.0.1, ::1 or localhost; anything else is
refused), at most 64 clients and 20 rounds, and every phase ends within ``--max-seconds`` (the big upload is
abandoned then; a server in lock mode may still be working on it and is stopped).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
CVS = sorted(p for p in (ROOT / "demo" / "cvs").iterdir() if p.is_file())
AD = ROOT / "demo" / "ads" / "social-media-specialist-sv.txt"
KINDS = ("review", "rank 35")
MAX_CLIENTS = 64
MAX_ROUNDS = 20
MAX_BIG_MB = 20.0
"""The most one file may hold (ingest.DEFAULT_MAX_BYTES)."""


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

    def server_errors(self, kind: str) -> int:
        return sum(n for k, n in self.failed.items() if k.startswith(kind) and k.split()[-1].startswith("5"))


def loopback_only(url: str) -> str:
    """``url`` if its host is a loopback address; the benchmark refuses anything else."""
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"refused: {url} is not a loopback address (127.0.0.1, ::1, localhost)")
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def scratch_data(source: str | None) -> Iterator[str | None]:
    """A temporary data folder whose entries link those of ``source``: the server reads the built data and
    writes its own files (csrf.key...) in the scratch folder only."""
    if not source:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="kompetens-bench-") as tmp:
        for entry in Path(source).iterdir():
            (Path(tmp) / entry.name).symlink_to(entry.resolve())
        yield tmp


def start_server(data_dir: str | None, workers: int, timeout: float) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cmd = [sys.executable, "-m", "kompetens"]
    if data_dir:
        cmd += ["--data-dir", data_dir]
    cmd += ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    cmd += ["--timeout", str(timeout)]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 180
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
    raise SystemExit("the server did not answer within 180 s")


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
    limit = int(mb * 1_000_000)
    while size < limit:
        piece = f"\n\n## Uppdrag {i}\n\n{texts[i % len(texts)]}"
        parts.append(piece)
        size += len(piece.encode())
        i += 1
    return "".join(parts).encode()[:limit]


def client_loop(url: str, rounds: int, timings: Timings, keep_going: Callable[[], bool], end: float) -> None:
    ad = AD.read_text(encoding="utf-8")
    files = [("cvs", (p.name, p.read_bytes())) for p in CVS]
    with httpx.Client(base_url=url, timeout=max(1.0, end - time.monotonic())) as client:
        done = 0
        while (done < rounds or keep_going()) and time.monotonic() < end:
            for kind, send in (
                ("review", lambda: client.post("/api/v1/review", json={"text": ad})),
                ("rank 35", lambda: client.post("/api/v1/rank?background=false", files=files)),
            ):
                t0 = time.perf_counter()
                try:
                    status = send().status_code
                except httpx.TimeoutException:
                    status = 0  # no answer before the phase's end
                timings.add(kind, time.perf_counter() - t0, status)
            done += 1


def phase(url: str, clients: int, rounds: int, big: bytes | None, max_seconds: float) -> tuple[Timings, str]:
    timings = Timings()
    big_done = threading.Event()
    outcome = "-"
    end = time.monotonic() + max_seconds

    def send_big() -> None:
        nonlocal outcome
        time.sleep(0.5)
        t0 = time.perf_counter()
        try:
            r = httpx.post(
                f"{url}/api/v1/rank",
                files=[("cvs", ("big.txt", big or b""))],
                timeout=max(1.0, end - time.monotonic()),
            )
            code = r.json()["error"]["code"] if r.status_code != 200 else ""
            outcome = f"{r.status_code} {code} in {time.perf_counter() - t0:.1f} s".replace("  ", " ")
        except httpx.TimeoutException:
            outcome = f"no answer within the phase's {max_seconds:.0f} s"
        big_done.set()

    threads = [
        threading.Thread(
            target=client_loop,
            args=(url, rounds, timings, lambda: big is not None and not big_done.is_set(), end),
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


def pct(values: list[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(label: str, name: str, timings: Timings) -> dict[str, float]:
    """Print a line per request kind; answer each kind's p95."""
    p95: dict[str, float] = {}
    for kind in KINDS:
        xs = timings.seconds.get(kind, [])
        fails = ", ".join(f"{k.split()[-1]} x{n}" for k, n in timings.failed.items() if k.startswith(kind))
        figures = (
            f"{pct(xs, 50):>7.2f} {pct(xs, 95):>7.2f} {max(xs):>7.2f}" if xs else f"{'':>7} {'':>7} {'':>7}"
        )
        print(
            f"{label:<12} {name:<6} {kind:<8} {len(xs):>4} {figures} {timings.server_errors(kind):>4}  "
            f"{fails or '-'}"
        )
        if xs:
            p95[kind] = pct(xs, 95)
    return p95


def run_mode(url: str, label: str, args: argparse.Namespace, big: bytes) -> dict[tuple[str, str], float]:
    httpx.post(f"{url}/api/v1/review", json={"text": AD.read_text(encoding="utf-8")}, timeout=120)
    out: dict[tuple[str, str], float] = {}
    for name, payload in (("quiet", None), ("big", big)):
        timings, outcome = phase(url, args.clients, args.rounds, payload, args.max_seconds)
        for kind, value in report(label, name, timings).items():
            out[(name, kind)] = value
        if payload is not None:
            print(f"{label:<12} {name:<6} {'big CV':<8} {'':>4} {outcome}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=os.environ.get("KOMPETENS_HOME") or str(ROOT / ".kompetens"))
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3, help="review + rank pairs per client and phase")
    ap.add_argument("--modes", default="0,2", help="--workers values to compare; the first is the baseline")
    ap.add_argument("--timeout", type=float, default=60.0, help="the servers' --timeout")
    ap.add_argument("--big-mb", type=float, default=MAX_BIG_MB)
    ap.add_argument("--max-seconds", type=float, default=120.0, help="the longest a phase may run")
    ap.add_argument("--url", help="bench this running server (loopback only) instead of starting servers")
    args = ap.parse_args()
    if not (1 <= args.clients <= MAX_CLIENTS and 1 <= args.rounds <= MAX_ROUNDS):
        raise SystemExit(f"--clients 1..{MAX_CLIENTS}, --rounds 1..{MAX_ROUNDS}")
    if args.url:
        loopback_only(args.url)
    if not 0 < args.big_mb <= MAX_BIG_MB:
        raise SystemExit(f"--big-mb: at most {MAX_BIG_MB:g} (the most one file may hold)")
    big = big_cv(args.big_mb)
    print(
        f"{args.clients} clients x {args.rounds} rounds (review of {AD.name}; rank of {len(CVS)} demo CVs); "
        f"big upload: one {len(big) / 1e6:.1f} MB .txt CV to /api/v1/rank; {os.cpu_count()} CPUs"
    )
    print(
        f"{'server':<12} {'phase':<6} {'request':<8} {'n':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'5xx':>4}  failed"
    )
    if args.url:
        run_mode(loopback_only(args.url).rstrip("/"), "given", args, big)
        return
    results: dict[str, dict[tuple[str, str], float]] = {}
    for workers in (int(m) for m in args.modes.split(",")):
        label = "lock (0)" if workers == 0 else f"{workers} workers"
        with scratch_data(args.data_dir) as data:
            proc, url = start_server(data, workers, args.timeout)
            try:
                results[label] = run_mode(url, label, args, big)
            finally:
                stop_server(proc)
    base_label, base = next(iter(results.items()))
    for label, figures in list(results.items())[1:]:
        ratios = ", ".join(
            f"{name} {kind} {base[(name, kind)] / figures[(name, kind)]:.1f}x"
            for name, kind in base
            if (name, kind) in figures and figures[(name, kind)] > 0
        )
        print(f"p95 of {base_label} / p95 of {label}: {ratios}")


if __name__ == "__main__":
    main()
