"""``python -m app.sandbox``: serve the sandbox with werkzeug's threaded server.

Options: ``--host`` (127.0.0.1), ``--port`` (5001), ``--db PATH`` (instance/sandbox.sqlite3),
``--latency-ms N`` added to every Order Management response, ``--account USER:PASSWORD`` (repeatable)
to add accounts next to the one from ``SANDBOX_USERNAME`` / ``SANDBOX_PASSWORD``, ``--no-seed``,
``--push-url URL`` (``{order_id}`` in it is replaced) to announce each new order as Klarna does.
"""

from __future__ import annotations

import argparse
import logging

from werkzeug.serving import run_simple

from . import create_sandbox_app
from .accounts import default_accounts, parse_account


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app.sandbox", description="Klarna Order Management sandbox")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5001, help="port to listen on (default 5001)")
    parser.add_argument("--db", default="instance/sandbox.sqlite3", help="SQLite file holding the orders")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay added to every API response")
    parser.add_argument("--account", action="append", default=[], type=_account, metavar="USER:PASSWORD",
                        help="an extra merchant account (repeatable)")
    parser.add_argument("--no-seed", action="store_true", help="do not create the demo orders")
    parser.add_argument("--push-url", help="POST here when an order is created ({order_id} is replaced)")
    return parser.parse_args(argv)


def _account(text: str) -> tuple[str, str]:
    try:
        return parse_account(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def accounts_from(arguments: argparse.Namespace) -> dict[str, str]:
    accounts = default_accounts()
    accounts.update(dict(arguments.account))
    return accounts


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.INFO)
    accounts = accounts_from(arguments)
    app = create_sandbox_app(arguments.db, accounts=accounts, latency_ms=arguments.latency_ms,
                             seed=not arguments.no_seed, push_url=arguments.push_url)
    logging.getLogger(__name__).info("Klarna sandbox on http://%s:%d (accounts: %s, database: %s)",
                                     arguments.host, arguments.port, ", ".join(accounts), arguments.db)
    run_simple(arguments.host, arguments.port, app, threaded=True)


if __name__ == "__main__":
    main()
