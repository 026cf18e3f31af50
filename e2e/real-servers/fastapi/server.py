"""A FastAPI WebSocket endpoint that reads a JWT from the `token` query parameter and verifies it with PyJWT.

Written the way the docs show it:
  - FastAPI, WebSockets with query parameters, closing with 1008 before `accept()`:
    https://fastapi.tiangolo.com/advanced/websockets/#using-depends-and-others
  - PyJWT, requiring the presence of claims (`options={"require": [...]}`):
    https://pyjwt.readthedocs.io/en/stable/usage.html#requiring-presence-of-claims

Usage: JWT_SECRET=... python3 server.py reject|close
  reject: close before accept -> Starlette/uvicorn answer the upgrade with HTTP 403 (no body, no words)
  close:  accept, then close 1008 with PyJWT's message as the reason
Prints the port it listens on (bound to 127.0.0.1:0) as the line "PORT <n>".
"""
import os
import socket
import sys

import jwt
import uvicorn
from fastapi import FastAPI, WebSocket, WebSocketDisconnect, status

SECRET = os.environ["JWT_SECRET"]
STYLE = sys.argv[1]
REQUIRED_CLAIMS = ["userId", "role", "iat", "exp"]

app = FastAPI()


@app.websocket("/ws")
async def websocket_endpoint(websocket: WebSocket, token: str = ""):
    try:
        claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": REQUIRED_CLAIMS})
    except jwt.InvalidTokenError as e:
        if STYLE == "reject":
            await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        else:
            await websocket.accept()
            await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason=str(e))
        return
    await websocket.accept()
    await websocket.send_text(f"welcome {claims['userId']}")
    try:
        while True:
            await websocket.send_text(await websocket.receive_text())
    except WebSocketDisconnect:
        pass


if __name__ == "__main__":
    # Bound and listening before the port is printed, so the test may connect at once.
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
