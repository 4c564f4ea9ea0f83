"""The Dask driver: connect to (or start) a cluster, run every unfinished shard, record each
finished shard in the manifest, then merge across shards and optionally load the store."""
from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from polemos import errors
from polemos.batch.dedup import merge_output
from polemos.batch.load import load_output
from polemos.batch.manifest import ShardResult, append_manifest, read_manifest
from polemos.batch.shards import Shard, error_reason, expand_inputs
from polemos.batch.worker import WarmPipeline, process_shard
from polemos.errors import InputError
from polemos.ingest.language import LanguageTally

log = logging.getLogger(__name__)


@dataclass
class BatchReport:
    out: str
    shards: int = 0                     # shards found in the inputs
    processed: int = 0                  # shards finished in this run
    skipped: int = 0                    # shards finished by an earlier run (manifest)
    articles: int = 0
    words: int = 0
    events: int = 0                     # event mentions written in this run
    merged_events: int | None = None    # events after merging across shards (None: not run)
    failures: list[str] = field(default_factory=list)        # inputs or shards that failed whole
    record_errors: list[str] = field(default_factory=list)   # records skipped inside good shards
    languages: LanguageTally = field(default_factory=LanguageTally)   # issue 18: skipped as not English
    not_english: list[str] = field(default_factory=list)
    seconds: float = 0.0
    process_seconds: float = 0.0        # from first submit to last shard done (no startup)
    loaded: dict[str, int] | None = None
    workers: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures and not self.record_errors


@contextlib.contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator:
    """A client on an existing scheduler, or on a new local cluster of `workers` processes with
    one thread each (spaCy is not faster with threads; processes scale past the GIL)."""
    import dask  # noqa: PLC0415  (start-up cost: dask)
    from distributed import Client, LocalCluster  # noqa: PLC0415  (start-up cost: dask)

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(
                errors.BATCH_SCHEDULER_UNREACHABLE.format(address=scheduler, reason=error_reason(e))
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or os.cpu_count() or 1
    settings = {
        # Dask's statistical profiler samples every worker thread 100 times a second: CPU spent
        # on a CPU-bound job for a dashboard nobody opens here.
        "distributed.worker.profile.enabled": False,
        # Dask makes glibc return freed memory to the OS eagerly (64 kB threshold); spaCy frees
        # and reallocates its arrays every batch, so that costs CPU and saves no peak memory.
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 128 * 2**20,
    }
    with (
        dask.config.set(settings),
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
            memory_limit=0,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_batch(
    inputs: list[str],
    out: str,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    load_into: str | None = None,
    batch_size: int = 32,
    progress: bool | None = None,
    merge: bool = True,
    client=None,
) -> BatchReport:  # noqa: ANN001 (distributed.Client)
    """Process `inputs` (paths, globs, directories or fsspec URLs of JSON Lines / Parquet shards)
    into `out`. Bad inputs and records are listed in the report; they never stop the others."""
    if workers is not None and scheduler:
        raise InputError(errors.BATCH_WORKERS_AND_SCHEDULER)
    if workers is not None and workers < 1:
        raise InputError(errors.BATCH_BAD_WORKERS.format(value=workers))
    _check_out(out)
    t0 = time.perf_counter()
    report = BatchReport(out=out)
    shards, problems = expand_inputs(inputs)
    report.failures += [p.message for p in problems]
    report.shards = len(shards)
    if not shards:  # nothing to run: say why in one line
        raise InputError(
            problems[0].message
            if len(problems) == 1
            else errors.BATCH_NO_INPUT.format(first=problems[0].message, more=len(problems) - 1)
        )
    done = read_manifest(out)
    todo = [s for s in shards if done.get(s.url, {}).get("fingerprint") != s.fingerprint]
    report.skipped = len(shards) - len(todo)

    if client is not None:
        _run(client, todo, out, batch_size, progress, report, merge, load_into)
    else:
        with dask_client(
            min(workers or os.cpu_count() or 1, max(len(todo), 1)) if not scheduler else None, scheduler
        ) as c:
            _run(c, todo, out, batch_size, progress, report, merge, load_into)
    report.seconds = time.perf_counter() - t0
    return report


def _run(
    client,
    todo: list[Shard],
    out: str,
    batch_size: int,
    progress: bool | None,  # noqa: ANN001
    report: BatchReport,
    merge: bool,
    load_into: str | None,
) -> None:
    from distributed import as_completed  # noqa: PLC0415  (start-up cost: dask)
    from tqdm import tqdm  # noqa: PLC0415  (start-up cost)

    client.register_plugin(WarmPipeline())
    report.workers = len(client.scheduler_info().get("workers", {}))
    t1 = time.perf_counter()
    # Explicit keys name the shard in Dask's dashboard and logs; `retries` covers errors raised
    # in a task, while a worker that dies is handled by the scheduler, which reschedules its
    # tasks elsewhere (up to distributed.scheduler.allowed-failures times).
    futures = [client.submit(process_shard, s, out, batch_size, key=_task_key(s), retries=1, pure=False) for s in todo]
    # progress=None: a bar only on a terminal (as `polemos ingest`)
    bar = tqdm(
        total=len(todo),
        unit="shard",
        desc="polemos batch",
        file=sys.stderr,
        disable=True if not todo else (None if progress is None else not progress),
    )
    for fut in as_completed(futures):
        try:
            res: ShardResult = fut.result()
        except Exception as e:  # e.g. KilledWorker (it killed workers too often), output unwritable
            report.failures.append(errors.BATCH_SHARD_FAILED.format(path=_url_of(fut, todo), reason=error_reason(e)))
            bar.update(1)
            continue
        if res.ok:
            append_manifest(out, res)
            report.processed += 1
            report.articles += res.articles
            report.words += res.words
            report.events += res.events
            report.record_errors += res.record_errors
            report.not_english += res.not_english
            report.languages.skipped.update(res.languages)
        else:
            report.failures.append(res.error or res.url)
        bar.update(1)
        bar.set_postfix(articles=report.articles, events=report.events)
    bar.close()
    report.process_seconds = time.perf_counter() - t1
    if merge:
        report.merged_events = merge_output(client, out)
    if load_into:
        report.loaded = load_output(out, load_into, progress=progress)


def _check_out(out: str) -> None:
    import fsspec  # noqa: PLC0415  (start-up cost)

    try:
        fs, root = fsspec.core.url_to_fs(out)
        bad = fs.exists(root) and not fs.isdir(root)
    except Exception as e:  # unknown protocol, missing fsspec backend
        raise InputError(errors.BATCH_INPUT_UNREADABLE.format(path=out, reason=error_reason(e))) from None
    if bad:
        raise InputError(errors.BATCH_OUT_NOT_DIR.format(path=out))


def _task_key(s: Shard) -> str:
    """The shard's task name: a changed shard gets a new one (Dask caches results by key)."""
    return f"polemos-shard-{s.id}-{s.fingerprint[:8]}"


def _url_of(fut, todo: list[Shard]) -> str:  # noqa: ANN001
    for s in todo:
        if fut.key == _task_key(s):
            return s.url
    return str(fut.key)
