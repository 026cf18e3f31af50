// Issue 3: one test per cause id a browser can produce, each against a real server behaviour (the reference
// server's faults, or a small purpose server on port 0) in real Chromium. Every test reads the FIRST
// [data-cause] of the Diagnosis region (most likely first) and some of the evidence behind it.
// mixed-content needs an https page: see diagnosis-mixed-content.spec.ts.
import { verifyServerToken } from '../src/node/server/verify-token.ts';
import type { Page } from '@playwright/test';
import {
  SECRET,
  expect,
  freePort,
  signToken,
  startPurposeServer,
  test,
  type ConsolePage,
} from './support/fixtures.ts';

// Real servers, real timeouts and a fresh page per test: on a busy machine one test can take most of the
// default 30 s before its first assertion. A longer budget only tolerates slowness; nothing asserts a duration.
test.describe.configure({ timeout: 60_000 });

const topCause = (c: ConsolePage) => c.diagnosis.locator('[data-cause]').first();
const cause = (c: ConsolePage, id: string) => c.diagnosis.locator(`[data-cause="${id}"]`);
const check = (c: ConsolePage, id: string) => c.diagnosis.locator(`[data-check="${id}"]`);
/** The statement that the browser hides the refused upgrade's status, or the x-ray's equivalent. */
const DEVTOOLS = /DevTools → Network → WS/;

/** The console as static files: no x-ray helper on its origin, so only what the browser itself can learn. */
async function withoutXray(page: Page): Promise<void> {
  await page.route('**/__wsjwt/xray', (route) => route.abort());
}

async function connectAndSettle(c: ConsolePage, url: string): Promise<void> {
  await c.connectTo(url);
  await expect(c.event('close')).toHaveCount(1);
}

test.describe('the browser hides the status of a failed upgrade: told apart by reachability, /health, timing', () => {
  test('server-unreachable: nothing listens on the port', async ({ consolePage: c, page }) => {
    await withoutXray(page);
    const port = await freePort();
    await c.token.fill(await signToken());
    await connectAndSettle(c, `ws://127.0.0.1:${port}`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1006');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'server-unreachable');
    await expect(topCause(c)).toHaveAttribute('data-confidence', 'high');
    await expect(topCause(c)).toContainText('nothing accepted the connection');
    await expect(check(c, 'server-running')).toHaveAttribute('data-state', 'fail');
  });

  test('handshake-rejected: HTTP 401 at the upgrade (reject-401), from the browser alone', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await withoutXray(page);
    await c.token.fill(await signToken());
    await connectAndSettle(c, `${server.url}/fault/reject-401`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1006');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'handshake-rejected');
    // The reachability probe and /health answered: the server is there and refused the upgrade.
    await expect(topCause(c)).toContainText('but refused the upgrade');
    // What the browser hides, and where the user can read it.
    await expect(c.diagnosis.locator('[data-browser-hides]')).toContainText(
      'The browser hides the HTTP status of a refused upgrade: open DevTools → Network → WS → the socket → Headers to read it',
    );
    await expect(check(c, 'server-running')).toHaveAttribute('data-state', 'pass');
  });

  test('handshake-rejected: HTTP 403 from an Origin check (reject-403-origin), x-ray shows the status', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken());
    await connectAndSettle(c, `${server.url}/fault/reject-403-origin`);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'handshake-rejected');
    // The console's x-ray helper (vite preview) repeated the handshake and read the 403 the browser hid.
    await expect(topCause(c)).toContainText('403');
    await expect(topCause(c)).toContainText('Origin');
    await expect(c.diagnosis.getByText(DEVTOOLS).first()).toBeVisible();
    await expect(c.diagnosis.locator('[data-browser-hides]')).toHaveCount(0);
  });

  test('handshake-rejected: a wrong path (HTTP 404)', async ({ consolePage: c, server }) => {
    await c.token.fill(await signToken());
    await connectAndSettle(c, `${server.url}/nope`);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'handshake-rejected');
    await expect(topCause(c)).toContainText('wrong path');
  });

  test('handshake-timeout: the server never answers the upgrade (hang-handshake, Timeout 1000 ms)', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await withoutXray(page);
    await c.token.fill(await signToken());
    await page.getByLabel('Timeout (ms)', { exact: true }).fill('1000');
    await c.connectTo(`${server.url}/fault/hang-handshake`);
    await expect(c.event('timeout')).toHaveCount(1);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'handshake-timeout');
    await expect(topCause(c)).toContainText('No answer to the upgrade within 1 s');
    // /health answered, so the server is up and holds the upgrade.
    await expect(topCause(c)).toContainText('but not the upgrade');
  });
});

test('subprotocol-mismatch: the token offered as a subprotocol, and the server echoes none (subprotocol)', async ({
  consolePage: c,
  server,
  page,
}) => {
  await c.token.fill(await signToken());
  await page
    .getByLabel('Token travels in', { exact: true })
    .selectOption({ label: 'Sec-WebSocket-Protocol header' });
  await expect(page.getByLabel('Subprotocols', { exact: true })).toHaveValue('access_token, {token}');
  await connectAndSettle(c, `${server.url}/fault/subprotocol`);
  // The server accepted the upgrade, but without Sec-WebSocket-Protocol Chromium fails the connection.
  await expect(c.event('open')).toHaveCount(0);
  await expect(c.event('close')).toHaveAttribute('data-code', '1006');
  await expect(topCause(c)).toHaveAttribute('data-cause', 'subprotocol-mismatch');
  await expect(topCause(c)).toContainText('access_token, <token: ');
});

test.describe('what the server said about the token', () => {
  test('token-missing: an empty Token field → 1008 "No token provided"', async ({
    consolePage: c,
    server,
  }) => {
    await expect(c.status).toHaveAttribute('data-token-status', 'empty');
    // Issue 16: before Connect an empty field is an invitation, not a cause.
    await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
    await connectAndSettle(c, server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-missing');
    await expect(topCause(c)).toContainText('"No token provided"');
  });

  test('token-malformed: junk is diagnosed on paste, then the server says "jwt malformed"', async ({
    consolePage: c,
    server,
  }) => {
    await c.serverUrl.fill(server.url);
    await c.token.fill('this is not a token');
    await expect(c.status).toHaveAttribute('data-token-status', 'malformed');
    // Before Connect: no event in the log, the diagnosis is already there.
    await expect(c.event('connecting')).toHaveCount(0);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-malformed');
    await connectAndSettle(c, server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-malformed');
    await expect(topCause(c)).toContainText('"jwt malformed"');
  });

  test('token-not-encoded: a doubly URL-encoded paste is called out before Connect', async ({
    consolePage: c,
  }) => {
    const token = await signToken();
    // A token copied out of a URL that was encoded twice: "." → %2E → %252E.
    await c.token.fill(encodeURIComponent(token.replaceAll('.', '%2E')));
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-not-encoded');
    await expect(topCause(c)).toContainText('URL-encoded twice');
    // The console sends the decoded token, encoded once.
    await expect(c.connectionUrl).toHaveValue(`ws://localhost:3000?token=${token}`);
  });

  test('token-not-encoded: a server that reads the raw query gets something else and says "jwt malformed"', async ({
    consolePage: c,
  }) => {
    // The tutorial pattern `req.url.split('token=')[1]`: no decoding, and everything after the token comes along.
    const srv = await startPurposeServer((ws, url) => {
      const raw = url.pathname + url.search;
      const token = raw.split('token=')[1] ?? null;
      void verifyServerToken(token, {
        secret: new TextEncoder().encode(SECRET),
        algorithms: ['HS256'],
        requiredClaims: ['userId', 'role', 'iat', 'exp'],
        now: Date.now(),
      }).then((r) => (r.ok ? ws.send('welcome') : ws.close(1008, r.reason)));
    });
    try {
      await c.token.fill(await signToken());
      await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
      await connectAndSettle(c, `${srv.url}/?token=&room=lobby`);
      await expect(c.connectionUrl).toHaveValue(/\?token=eyJ[^&]+&room=lobby$/);
      await expect(c.event('close')).toHaveAttribute('data-code', '1008');
      await expect(topCause(c)).toHaveAttribute('data-cause', 'token-not-encoded');
      await expect(topCause(c)).toContainText('"jwt malformed"');
      await expect(topCause(c)).toContainText('changed on the way');
    } finally {
      await srv.close();
    }
  });

  test('secret-mismatch: signed with another secret → 1008 "invalid signature"', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken({}, { secret: 'the-signers-own-secret' }));
    await connectAndSettle(c, server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'secret-mismatch');
    await expect(topCause(c)).toContainText('"invalid signature"');
    await expect(check(c, 'same-secret')).toHaveAttribute('data-state', 'fail');
    // The Secret field checks it here: the server's secret does not verify the token either.
    await c.secret.fill(SECRET);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'secret-mismatch');
    await expect(topCause(c)).toContainText('does not verify with the Secret you entered');
  });

  test('secret-mismatch: the server base64-decodes JWT_SECRET (base64-secret), the signer uses the text', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken());
    await c.secret.fill(SECRET);
    await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
    await connectAndSettle(c, `${server.url}/fault/base64-secret`);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'secret-mismatch');
    await expect(topCause(c)).toContainText('"invalid signature"');
    await expect(topCause(c)).toContainText('Your Secret verifies this token here');
    await expect(topCause(c)).toContainText('base64');
  });

  test('secret-mismatch triage: a token signed with the base64-decoded secret verifies only if the Secret is decoded', async ({
    consolePage: c,
  }) => {
    // What a base64-decoding server signs with: the bytes the text stands for.
    const text = Buffer.from('the real key bytes, 32 of them!!').toString('base64');
    const { SignJWT } = await import('jose');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ userId: '123', role: 'principal', iat: now, exp: now + 3600 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new Uint8Array(Buffer.from(text, 'base64')));
    await c.token.fill(token);
    await c.secret.fill(text);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'secret-mismatch');
    await expect(topCause(c)).toContainText('verifies if the secret is base64-decoded');
  });

  test('algorithm-mismatch: an RS256-only server → 1008 "invalid algorithm"', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken());
    await connectAndSettle(c, `${server.url}/fault/rs256-only`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'algorithm-mismatch');
    await expect(topCause(c)).toContainText('"invalid algorithm"');
    await expect(topCause(c)).toContainText('alg = "HS256"');
  });

  test('algorithm-mismatch: an alg "none" token, on paste and at the server', async ({
    consolePage: c,
    server,
  }) => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    await c.token.fill(
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ userId: '123', role: 'principal', iat: now, exp: now + 3600 })}.`,
    );
    await expect(topCause(c)).toHaveAttribute('data-cause', 'algorithm-mismatch');
    await expect(topCause(c)).toContainText('alg = "none"');
    await connectAndSettle(c, server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'algorithm-mismatch');
    await expect(topCause(c)).toContainText('"jwt signature is required"');
  });

  test('token-expired: diagnosed on paste, then the server says "jwt expired"', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken({}, { iatOffset: -7200, expOffset: -3600 }));
    await expect(c.status).toHaveAttribute('data-token-status', 'expired');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-expired');
    await connectAndSettle(c, server.url);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-expired');
    await expect(topCause(c)).toContainText('"jwt expired"');
    await expect(check(c, 'not-expired')).toHaveAttribute('data-state', 'fail');
  });

  test('token-expired: a graphql-ws server says only 4401 "Unauthorized"; the expired token explains it', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken({}, { iatOffset: -7200, expOffset: -3600 }));
    await connectAndSettle(c, `${server.url}/fault/graphql-ws-4401`);
    await expect(c.event('close')).toHaveAttribute('data-code', '4401');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-expired');
    await expect(cause(c, 'auth-rejected')).toContainText('Unauthorized');
  });

  test('token-expired: a server that enforces exp on open sockets (expire-open-sockets)', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken({}, { expOffset: 2 }));
    await c.connectTo(`${server.url}/fault/expire-open-sockets`);
    await expect(c.event('open')).toHaveCount(1);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-expired');
    await expect(topCause(c)).toContainText('"jwt expired"');
  });

  test("token-expired: valid by this clock, expired by the server's (its clock is 2 h ahead, /health says so)", async ({
    consolePage: c,
    startServer,
  }) => {
    const ahead = await startServer({ now: () => Date.now() + 2 * 3600_000 + 30_000 });
    await c.token.fill(await signToken({}, { expOffset: 3600 }));
    await expect(c.status).toHaveAttribute('data-token-status', 'valid');
    await connectAndSettle(c, ahead.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-expired');
    await expect(topCause(c)).toContainText('"jwt expired"');
    await expect(topCause(c)).toContainText("The server's clock is 2 h ahead of yours");
    // The skew is shown on its own too, next to the leeway.
    await expect(c.diagnosis.locator('[data-clock-skew]')).toContainText(
      "The server's clock is 2 h ahead of yours",
    );
    await expect(c.diagnosis.locator('[data-clock-skew]')).toContainText('leeway of 0 s');
  });

  test('token-not-yet-valid: nbf in the future → 1008 "jwt not active"', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken({ nbf: Math.floor(Date.now() / 1000) + 3600 }));
    await expect(c.status).toHaveAttribute('data-token-status', 'not-yet-valid');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-not-yet-valid');
    await connectAndSettle(c, server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-not-yet-valid');
    await expect(topCause(c)).toContainText('"jwt not active"');
  });

  test('missing-claims: no role → 1008 "Missing required claims: role"', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken({ role: undefined }));
    await expect(topCause(c)).toHaveAttribute('data-cause', 'missing-claims');
    await connectAndSettle(c, server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'missing-claims');
    await expect(topCause(c)).toContainText('"Missing required claims: role"');
    await expect(check(c, 'required-claims')).toHaveAttribute('data-state', 'fail');
  });

  test('auth-rejected: the server closes 4403 "Forbidden" right after open (graphql-ws-4403)', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken());
    await connectAndSettle(c, `${server.url}/fault/graphql-ws-4403`);
    await expect(c.event('close')).toHaveAttribute('data-code', '4403');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'auth-rejected');
    await expect(topCause(c)).toContainText('Forbidden');
  });

  test('auth-rejected: a server closes 1008 "Authentication failed" and says nothing more', async ({
    consolePage: c,
  }) => {
    const srv = await startPurposeServer((ws) => ws.close(1008, 'Authentication failed'));
    try {
      await c.token.fill(await signToken());
      await connectAndSettle(c, srv.url);
      await expect(c.event('close')).toHaveAttribute('data-code', '1008');
      await expect(topCause(c)).toHaveAttribute('data-cause', 'auth-rejected');
      await expect(topCause(c)).toContainText('"Authentication failed"');
      // Without a Secret the console suggests checking the signature.
      await expect(cause(c, 'secret-mismatch')).toContainText("enter the server's JWT_SECRET in Secret");
    } finally {
      await srv.close();
    }
  });
});

test.describe('the transport after open', () => {
  test('connection-dropped: the TCP connection is cut after open without a close frame', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken());
    await c.connectTo(`${server.url}/fault/drop-after-open`);
    await expect(c.event('open')).toHaveCount(1);
    await expect(c.event('close')).toHaveAttribute('data-code', '1006');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'connection-dropped');
    await expect(topCause(c)).toContainText('without a close frame');
  });

  test('server-error: the server closes 1011 "Internal server error"', async ({ consolePage: c, server }) => {
    await c.token.fill(await signToken());
    await connectAndSettle(c, `${server.url}/fault/close-1011`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1011');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'server-error');
    await expect(topCause(c)).toContainText('"Internal server error"');
  });

  test('message-too-big: the server closes 1009 when a message is sent', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await c.token.fill(await signToken());
    await c.connectTo(`${server.url}/fault/close-1009`);
    await expect(c.event('open')).toHaveCount(1);
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('x'.repeat(2000));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(c.event('close')).toHaveAttribute('data-code', '1009');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'message-too-big');
    await expect(topCause(c)).toContainText('"Message too big"');
  });

  test('protocol-error: the server closes 1002 "Protocol error"', async ({ consolePage: c, server }) => {
    await c.token.fill(await signToken());
    await connectAndSettle(c, `${server.url}/fault/close-1002`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1002');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'protocol-error');
    await expect(topCause(c)).toContainText('"Protocol error"');
  });
});

test.describe('nothing wrong, the checklist, the clock, live updates', () => {
  test('a good connection: "No problems found", and the checklist reads JWT_SECRET set from /health', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken());
    await c.secret.fill(SECRET);
    await c.connectTo(server.url);
    await expect(c.event('open')).toHaveCount(1);
    await expect(c.diagnosis.getByText('No problems found', { exact: false })).toBeVisible();
    await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
    await expect(check(c, 'secret-set')).toHaveAttribute('data-state', 'pass');
    await expect(check(c, 'secret-set')).toContainText('jwtSecretSet: true');
    for (const id of ['server-running', 'same-secret', 'not-expired', 'url-encoded', 'required-claims']) {
      await expect(check(c, id)).toHaveAttribute('data-state', 'pass');
    }
    // The reference server reports its time: the skew is shown (same machine: the clocks agree).
    await expect(c.diagnosis.getByText("The server's clock agrees with yours")).toBeVisible();
  });

  test('live: the secret, the leeway and the token change the diagnosis before Connect', async ({
    consolePage: c,
    page,
  }) => {
    await c.token.fill(await signToken({}, { secret: 'another-secret' }));
    await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
    await c.secret.fill(SECRET);
    await expect(topCause(c)).toHaveAttribute('data-cause', 'secret-mismatch');
    await c.secret.fill('another-secret');
    await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);

    // Expired 30 s ago: a leeway of 120 s tolerates it, as a server with clockTolerance 120 would.
    await c.token.fill(await signToken({}, { secret: 'another-secret', iatOffset: -3600, expOffset: -30 }));
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-expired');
    const leeway = page.getByLabel('Leeway (s)', { exact: true });
    await leeway.fill('120');
    await expect(c.diagnosis.locator('[data-cause="token-expired"]')).toHaveCount(0);
    await expect(c.status).not.toHaveAttribute('data-token-status', 'expired');
    await leeway.fill('0');
    await expect(topCause(c)).toHaveAttribute('data-cause', 'token-expired');
  });
});
