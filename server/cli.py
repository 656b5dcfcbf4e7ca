"""`carekg serve`: the server's command, added to graphbuild's command group.

It lives here, not in graphbuild/cli.py, so that graphbuild never imports the
server; the `carekg` console script points at this module's `main`.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import TextIO

import click

from graphbuild.cli import _store_path, cli, store_option
from graphbuild.errors import CarekgError, StoreError


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Request threads in the WSGI server.",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Worker processes for SPARQL queries (default: setting QUERY_WORKERS).",
)
@click.option(
    "--timeout",
    default=None,
    type=click.FloatRange(0.1, 3600),
    help="Seconds a query may run (default: setting QUERY_TIMEOUT, 30).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    store_dir: Path | None,
    host: str,
    port: int,
    threads: int,
    workers: int | None,
    timeout: float | None,
) -> None:
    """Serve the graph: SPARQL endpoint, query page, linked-data pages and dumps.

    Runs under the waitress WSGI server, read-only. Stop with Ctrl-C.
    """
    from waitress import create_server

    from server.app import create_app
    from server.errors import ApiError
    from server.resources import query_service

    path = _store_path(ctx, store_dir)
    if not (path / "CURRENT").exists():
        raise StoreError(f"store {path}: no store here (run `carekg build` first)")
    config: dict = {"STORE": str(path)}
    if workers:
        config["QUERY_WORKERS"] = workers
    if timeout:
        config["QUERY_TIMEOUT"] = timeout
    configure_logging()
    try:
        app = create_app(config)
    except ApiError as exc:
        raise CarekgError(exc.message) from None
    try:
        server = create_server(app, host=host, port=port, threads=threads)
    except OSError as exc:
        raise CarekgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    with app.app_context():
        service = query_service()
        service.warm_up()  # start the query workers now, not on the first request
    signal.signal(signal.SIGTERM, lambda *_: (service.close(), sys.exit(0)))
    address = f"http://{host}:{server.effective_port}/"
    click.echo(f"carekg is serving {path} at {address}  (SPARQL endpoint: {address}sparql)")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("stopped")


def configure_logging(stream: TextIO | None = None) -> None:
    """Timestamped lines on stderr, and log records without the fields nobody prints.

    The access log writes a record per request; the logging HOWTO's "Optimization"
    flags drop the caller lookup and the thread and process names, halving what a
    record costs (bench/RESULTS.md, HTTP).
    """
    logging._srcfile = None  # type: ignore[attr-defined]
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=stream)


main = cli
