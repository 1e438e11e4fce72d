"""Send a build's jobs to a dask.distributed cluster instead of this machine's pool.

`--scheduler ADDRESS` (or the environment variable NSR_DASK_SCHEDULER) names a running scheduler,
e.g. tcp://10.0.0.5:8786; `local` starts a LocalCluster here. The jobs go through the client's
concurrent.futures executor, so the build drives them as it drives its own pool, and the reports
are the same bytes. The workers must see the project folder (the notebooks, the data snapshot
and the reports' temporary folders) at the same paths, and run the same environment.
"""
from __future__ import annotations

import contextlib
import os

from helpers.errors import SelectionError

ENV = "NSR_DASK_SCHEDULER"
CONNECT_TIMEOUT = "20s"


def scheduler_from_env() -> str | None:
    return os.environ.get(ENV, "").strip() or None


@contextlib.contextmanager
def executor(address: str, workers: int):
    """(a concurrent.futures executor on the cluster at `address`, the cluster's worker threads);
    'local' starts a LocalCluster of `workers` single-threaded worker processes. Closed, with its
    cluster, on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SelectionError(f"--scheduler {address}: dask.distributed is not installed "
                             f"(pip install 'dask[distributed]')") from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        reason = " ".join(str(exc).split())[:160]
        raise SelectionError(f"--scheduler {address}: cannot reach the dask scheduler ({reason}); "
                             f"start one with `dask scheduler`, or leave --scheduler out") from None
    try:
        threads = sum(client.nthreads().values()) or workers
        yield client.get_executor(pure=False), threads  # every notebook run is a job of its own
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
