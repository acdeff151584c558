"""A fixed-JSON stand-in for Klarna's order API, for benchmarks: fast, keep-alive, adjustable latency.

    python -m scripts.bench.upstream --port 5510 --orders orders.json [--latency-ms 150]

``orders.json`` maps order ids to the JSON ``GET /ordermanagement/v1/orders/<id>`` answers (taken
from the sandbox's demo orders by scripts/bench_pages.py). Every answer waits ``latency`` first
without holding anything (asyncio), so 64 requests at once all wait 150 ms side by side, like Klarna.

Control (for the benchmark, never for the dashboard):
``PUT /bench/latency/<ms>`` sets the latency; ``GET /bench/served`` tells how many order answers
were sent so far (to count the Klarna calls of one page view).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
from pathlib import Path

ORDER_PATH = re.compile(rb"/ordermanagement/v1/orders/([0-9a-fA-F-]{36})")
LATENCY_PATH = re.compile(rb"/bench/latency/([0-9]{1,5})")
NOT_FOUND = json.dumps({"error_code": "NO_SUCH_ORDER", "error_messages": ["No such order"],
                        "correlation_id": "bench-upstream"}).encode()


class Upstream:
    def __init__(self, orders: dict[str, bytes], latency_ms: int):
        self.orders = orders
        self.latency = latency_ms / 1000
        self.served = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length:\s*([0-9]+)", head)
                if length:
                    await reader.readexactly(int(length.group(1)))
                method, target = head.split(b" ", 2)[:2]
                status, body = await self.answer(method, target.split(b"?", 1)[0])
                writer.write(b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                             b"Klarna-Correlation-Id: bench-upstream\r\n\r\n%s" % (status, len(body), body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()

    async def answer(self, method: bytes, path: bytes) -> tuple[int, bytes]:
        order = ORDER_PATH.fullmatch(path)
        if method == b"GET" and order:
            if self.latency:
                await asyncio.sleep(self.latency)
            body = self.orders.get(order.group(1).decode().lower())
            if body is None:
                return 404, NOT_FOUND
            self.served += 1
            return 200, body
        latency = LATENCY_PATH.fullmatch(path)
        if method == b"PUT" and latency:
            self.latency = int(latency.group(1)) / 1000
            return 200, b"{}"
        if method == b"GET" and path == b"/bench/served":
            return 200, json.dumps({"served": self.served}).encode()
        return 404, NOT_FOUND


async def serve(port: int, orders: dict[str, bytes], latency_ms: int) -> None:
    upstream = Upstream(orders, latency_ms)
    server = await asyncio.start_server(upstream.handle, "127.0.0.1", port, backlog=512)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--orders", type=Path, required=True, help="JSON file: order id -> order")
    parser.add_argument("--latency-ms", type=int, default=0)
    options = parser.parse_args()
    orders = {key.lower(): json.dumps(value).encode() for key, value in json.loads(options.orders.read_text()).items()}
    asyncio.run(serve(options.port, orders, options.latency_ms))


if __name__ == "__main__":
    main()
