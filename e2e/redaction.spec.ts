// Issue 16 (defects 6 and 9) and 11.1 in the console: secrets are planted in every input — the Server
// URL's userinfo, api_key and an old token, the Token, the Secret — against a purpose-built server that
// echoes the request in its refusal page (read by the x-ray) or in a message and its close reason. The
// support bundle, Export log and everything stored in the browser are searched for each of them.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { WebSocketServer } from 'ws';
import { plantedLeaks, plantSecrets, type Planted } from '../src/core/redact/planted.test-helpers.ts';
import { expect, test, type ConsolePage } from './support/fixtures.ts';
import { everythingStored } from './support/storage-dump.ts';

test.describe.configure({ timeout: 120_000 });

/** Refuses /refuse… with a 401 page echoing URL, Authorization and secret; else echoes in a message. */
async function echoingServer(p: Planted): Promise<{ host: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true });
  const srv: Server = createServer((_req, res) => res.end('ok'));
  srv.on('upgrade', (req, socket, head) => {
    const url = req.url ?? '';
    const auth = req.headers.authorization ?? '';
    if (url.startsWith('/refuse')) {
      const body = `<html><h1>Refused</h1><p>${url}</p><p>${auth}</p><p>expected ${p.secret}</p></html>`;
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="${url}"\r\n` +
          `Content-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.send(`you came with ${url} and ${auth}; I expected ${p.secret}`);
      setTimeout(() => ws.close(4001, url.slice(0, 120)), 50);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(srv.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  };
}

async function copyBundle(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy support bundle', exact: true }).click();
  await expect(page.getByText('✓ Copied as Markdown')).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

async function exportLog(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export log', exact: true }).click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

async function connectWithPlanted(c: ConsolePage, p: Planted, url: string): Promise<void> {
  await c.token.fill(p.token);
  await c.secret.fill(p.secret);
  await c.connectTo(url);
  // The live Connection URL is the real one the socket opens (the contract): nothing redacted there.
  await expect(c.connectionUrl).toHaveValue(`${url}&token=${p.token}`);
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

for (const path of ['/refuse', '/accept']) {
  test(`a server echoing the request (${path}): the bundle, Export log and storage hold none of the planted secrets`, async ({
    consolePage: c,
    page,
    context,
  }) => {
    const p = await plantSecrets(Date.now());
    const server = await echoingServer(p);
    try {
      const url = p.serverUrl(server.host, path);
      await connectWithPlanted(c, p, url);
      await expect(c.event('close')).toHaveCount(1);
      if (path === '/refuse') {
        // The x-ray read the refusal page: the diagnosis quotes it (so there was something to redact).
        await expect(c.diagnosis).toContainText('401');
      } else {
        await expect(c.event('close')).toHaveAttribute('data-code', '4001');
        // The user's own screen shows what the server sent, as it came.
        await expect(c.event('message')).toContainText(p.apiKey);
      }

      const bundle = await copyBundle(page);
      expect(bundle).toContain('ws://<redacted>@');
      expect(plantedLeaks(bundle, p)).toEqual([]);

      const exported = await exportLog(page);
      expect(JSON.parse(exported)).toMatchObject({ format: 'wsjwt-log' });
      expect(plantedLeaks(exported, p)).toEqual([]);

      await page.reload();
      await expect(c.token).toHaveValue('');
      const { all, localStorage } = await everythingStored(page, context);
      expect(JSON.stringify(localStorage)).toContain(`${server.host}${path}?api_key=&access_token=`);
      expect(plantedLeaks(all, p)).toEqual([]);
      await expect(page.locator('[data-url-not-kept="restored"]')).toContainText(
        'Not kept: the userinfo, the value of api_key and the value of access_token',
      );
    } finally {
      await server.close();
    }
  });
}
