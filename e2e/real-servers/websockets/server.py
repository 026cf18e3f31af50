"""A `websockets` (10.x, legacy asyncio API) server that reads a JWT from the `token` query parameter and
verifies it with PyJWT.

Written the way the docs show it:
  - websockets 10.4, Authentication, "Query parameter" (a `process_request` that returns
    `(HTTPStatus.UNAUTHORIZED, [], body)` to refuse the upgrade):
    https://websockets.readthedocs.io/en/10.4/topics/authentication.html
  - websockets 10.4, `serve()` on port 0 and `server.sockets` to read the port back:
    https://websockets.readthedocs.io/en/10.4/reference/server.html
  - PyJWT, requiring the presence of claims: https://pyjwt.readthedocs.io/en/stable/usage.html

Usage: JWT_SECRET=... python3 server.py reject|close
  reject: process_request answers HTTP 401 with PyJWT's message as the body
  close:  accept, then close 1008 with PyJWT's message as the reason
Prints the port it listens on as the line "PORT <n>".
"""
import asyncio
import http
import os
import sys
from urllib.parse import parse_qs, urlparse

import jwt
import websockets

SECRET = os.environ["JWT_SECRET"]
STYLE = sys.argv[1]
REQUIRED_CLAIMS = ["userId", "role", "iat", "exp"]


def get_query_parameter(path, key):
    values = parse_qs(urlparse(path).query).get(key, [""])
    return values[0]


def verify(path):
    token = get_query_parameter(path, "token")
    return jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": REQUIRED_CLAIMS})


class QueryParamProtocol(websockets.WebSocketServerProtocol):
    async def process_request(self, path, headers):
        if STYLE != "reject":
            return None
        try:
            self.claims = verify(path)
        except jwt.InvalidTokenError as e:
            return http.HTTPStatus.UNAUTHORIZED, [], f"{e}\n".encode()
        return None


async def handler(websocket):
    if STYLE == "close":
        try:
            websocket.claims = verify(websocket.path)
        except jwt.InvalidTokenError as e:
            await websocket.close(1008, str(e))
            return
    await websocket.send(f"welcome {websocket.claims['userId']}")
    async for message in websocket:
        await websocket.send(message)


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, create_protocol=QueryParamProtocol) as server:
        print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
