// mixed-content, for real: the console served over https (a self-signed certificate made for the test, and a
// small https proxy in front of the console the config serves), and a ws:// Server URL. Chromium treats
// localhost and 127.0.0.1 as potentially trustworthy and lets an https page open ws:// to them, so the
// blocked case needs a host name that is not loopback-looking: wsjwt.test, mapped to 127.0.0.1 by this
// file's own browser launch (--host-resolver-rules). Nothing leaves the machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '../scripts/chromium-path.mjs';
import { ConsolePage, expect, signToken, test } from './support/fixtures.ts';

const HOST = 'wsjwt.test';
const launch = chromiumLaunchOptions();

test.use({
  ignoreHTTPSErrors: true,
  launchOptions: { ...launch, args: [...launch.args, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] },
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate for HOST, made now (nothing secret is kept in the repository). */
function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'wsjwt-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${HOST}`,
        '-addext',
        `subjectAltName=DNS:${HOST}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** https://HOST:port → the console at `target` (the config's vite preview), request by request. */
async function httpsProxy(target: string): Promise<{ origin: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createHttpsServer(selfSignedCert(), (req, res) => {
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://${HOST}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test.describe('mixed-content: an https page and a ws:// socket', () => {
  // Its own browser launch, a fresh certificate and a proxy: more set-up than the other specs.
  test.describe.configure({ timeout: 60_000 });
  test.skip(!hasOpenssl(), 'openssl is needed to make the test certificate');

  test('ws:// to a non-loopback host from an https page: diagnosed before Connect, then the browser refuses it', async ({
    page,
    baseURL,
    server,
  }) => {
    const proxy = await httpsProxy(baseURL ?? 'http://localhost:4317');
    try {
      const c = new ConsolePage(page);
      await page.goto(`${proxy.origin}/`);
      await expect(c.token).toBeVisible();
      expect(await page.evaluate(() => location.protocol)).toBe('https:');
      await c.token.fill(await signToken());
      await c.serverUrl.fill(`ws://${HOST}:${server.port}`);
      const top = c.diagnosis.locator('[data-cause]').first();
      await expect(top).toHaveAttribute('data-cause', 'mixed-content');
      await expect(top).toHaveAttribute('data-confidence', 'high');

      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(c.event('error')).toHaveCount(1);
      await expect(c.event('error')).toContainText('SecurityError');
      await expect(top).toHaveAttribute('data-cause', 'mixed-content');
      await expect(top).toContainText('threw "SecurityError"');
      await expect(top).toContainText('This page is https: and the URL is ws://');
    } finally {
      await proxy.close();
    }
  });

  test('ws://127.0.0.1 from an https page: Chromium allows loopback, so the socket opens and nothing is wrong', async ({
    page,
    baseURL,
    server,
  }) => {
    const proxy = await httpsProxy(baseURL ?? 'http://localhost:4317');
    try {
      const c = new ConsolePage(page);
      await page.goto(`${proxy.origin}/`);
      await expect(c.token).toBeVisible();
      await c.token.fill(await signToken());
      await c.serverUrl.fill(server.url);
      // Before Connect it is only a warning: Safari blocks this, Chrome and Firefox do not.
      const mixed = c.diagnosis.locator('[data-cause="mixed-content"]');
      await expect(mixed).toHaveAttribute('data-confidence', 'medium');
      await expect(mixed).toContainText('exception for localhost');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(c.event('open')).toHaveCount(1);
      await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
      await expect(c.diagnosis.getByText('No problems found', { exact: false })).toBeVisible();
    } finally {
      await proxy.close();
    }
  });
});
