import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { createServer, type AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  createReferenceServer,
  type ReferenceServer,
  type ReferenceServerOptions,
} from '../../src/node/server/reference-server.ts';

export const SECRET = 'e2e-shared-secret-0123456789abcdef';

/** A token as the guide's signer makes it. `exp`/`iat` offsets in seconds from now. */
export async function signToken(
  claims: Record<string, unknown> = {},
  {
    secret = SECRET,
    alg = 'HS256',
    iatOffset = 0,
    expOffset = 24 * 3600,
  }: { secret?: string; alg?: string; iatOffset?: number; expOffset?: number | null } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    userId: '123',
    role: 'principal',
    iat: now + iatOffset,
    ...claims,
  };
  if (expOffset !== null && !('exp' in claims)) payload.exp = now + expOffset;
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

/** A port nothing listens on (bound, read back, released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A purpose-built WebSocket server on port 0, closed by the fixture. */
export interface PurposeServer {
  url: string;
  port: number;
  wss: WebSocketServer;
}

export async function startPurposeServer(
  onConnection: (ws: WebSocket, url: URL) => void,
): Promise<PurposeServer & { close(): Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as AddressInfo).port;
  wss.on('connection', (ws, req) => onConnection(ws, new URL(req.url ?? '/', `http://127.0.0.1:${port}`)));
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    wss,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** The console as a user drives it: by labels and roles. */
export class ConsolePage {
  constructor(readonly page: Page) {}
  get token(): Locator {
    return this.page.getByLabel('Token', { exact: true });
  }
  get secret(): Locator {
    return this.page.getByLabel('Secret', { exact: true });
  }
  get serverUrl(): Locator {
    return this.page.getByLabel('Server URL', { exact: true });
  }
  get param(): Locator {
    return this.page.getByLabel('Token parameter', { exact: true });
  }
  get connectionUrl(): Locator {
    return this.page.getByLabel('Connection URL', { exact: true });
  }
  get log(): Locator {
    return this.page.getByRole('log', { name: 'Event log' });
  }
  get diagnosis(): Locator {
    return this.page.getByRole('region', { name: 'Diagnosis' });
  }
  get status(): Locator {
    return this.page.locator('[data-token-status]');
  }
  event(type: string): Locator {
    return this.log.locator(`[data-event="${type}"]`);
  }
  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.token).toBeVisible();
  }
  /** Shows a tool's tab (Composer, Mint & keys, Encoding lab, Test matrix, Profiles). */
  async openTool(name: string): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }
  async connectTo(url: string): Promise<void> {
    await this.serverUrl.fill(url);
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click();
  }
}

interface Fixtures {
  server: ReferenceServer;
  consolePage: ConsolePage;
  startServer: (options?: Partial<ReferenceServerOptions>) => Promise<ReferenceServer>;
}

export const test = base.extend<Fixtures>({
  startServer: async ({}, use) => {
    const started: ReferenceServer[] = [];
    await use(async (options = {}) => {
      const s = await createReferenceServer({ port: 0, secret: SECRET, log: () => {}, ...options });
      started.push(s);
      return s;
    });
    await Promise.all(started.map((s) => s.close()));
  },
  server: async ({ startServer }, use) => {
    await use(await startServer());
  },
  consolePage: async ({ page }, use) => {
    const c = new ConsolePage(page);
    await c.goto();
    await use(c);
  },
});

export { expect };
