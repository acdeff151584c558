"""Wait until a PostgreSQL or Redis server answers; used by scripts/test.sh.

    python scripts/service_ready.py URL [--wait SECONDS]

URL is a SQLAlchemy PostgreSQL URL (``postgresql+psycopg://user@host:port/db``) or ``redis://...``.
Exits 0 as soon as the server answers, 1 (saying why) when it has not answered within SECONDS
(default 0: ask once).
"""

from __future__ import annotations

import argparse
import sys
import time

import psycopg
import redis
from sqlalchemy.engine import make_url


def postgres_answers(url: str) -> None:
    parts = make_url(url)
    with psycopg.connect(
        host=parts.host, port=parts.port or 5432, user=parts.username, password=parts.password,
        dbname=parts.database, connect_timeout=3,
    ) as connection:
        connection.execute("SELECT 1")


def redis_answers(url: str) -> None:
    client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
    try:
        client.ping()
    finally:
        client.close()


def check(url: str) -> None:
    if url.startswith("redis"):
        redis_answers(url)
    elif url.startswith("postgres"):
        postgres_answers(url)
    else:
        raise SystemExit(f"not a PostgreSQL or Redis URL: {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--wait", type=float, default=0.0, help="seconds to keep trying (default: ask once)")
    options = parser.parse_args()
    deadline = time.monotonic() + options.wait
    while True:
        try:
            check(options.url)
            return 0
        except (psycopg.Error, redis.RedisError) as error:
            if time.monotonic() >= deadline:
                kind = "Redis" if options.url.startswith("redis") else "PostgreSQL"
                print(f"{kind} does not answer: {str(error).strip()}", file=sys.stderr)
                return 1
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
