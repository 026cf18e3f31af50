import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPayload, mintToken } from '../../core/index.ts';
import { createReferenceServer } from '../server/reference-server.ts';
import type { ReferenceServer } from '../server/reference-server.ts';
import { probeHandshake } from './probe.ts';

const SECRET = 'probe-test-secret';
const started: Array<{ close(): Promise<void> }> = [];

async function referenceServer(): Promise<ReferenceServer> {
  const server = await createReferenceServer({ port: 0, secret: SECRET, log: () => undefined });
  started.push(server);
  return server;
}

async function goodToken(): Promise<string> {
  const minted = await mintToken(
    { ...defaultPayload(Date.now()) },
    { text: SECRET, encoding: 'utf8' },
    'HS256',
  );
  if (!minted.ok) throw new Error(minted.message);
  return minted.token;
}

/** A plain HTTP server for what the reference server does not do. */
async function httpServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  started.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

describe('probeHandshake', () => {
  it('records connect, 101, open, the welcome message and our close 1000', async () => {
    const server = await referenceServer();
    const result = await probeHandshake({
      url: `${server.url}/?token=${await goodToken()}`,
      timeoutMs: 3000,
      closeAfterOpenMs: 100,
    });
    expect(result.outcome).toBe('opened');
    expect(result.events.map((e) => e.type)).toEqual(['connecting', 'open', 'message', 'close']);
    expect(result.events.at(-1)).toMatchObject({ code: 1000, wasClean: true });
    expect(result.events[2]?.data).toContain('welcome');
    expect(result.xray?.status).toBe(101);
    expect(result.timings.tcpConnectMs).toBeTypeOf('number');
    expect(result.timings.responseMs).toBeGreaterThanOrEqual(result.timings.tcpConnectMs ?? 0);
    for (const e of result.events) expect(e.time).toBeGreaterThan(0);
  });

  it('steps come in the order they happened, streamed as they happen: TCP, 101, then open', async () => {
    const server = await referenceServer();
    const streamed: string[] = [];
    const result = await probeHandshake({
      url: `${server.url}/?token=${await goodToken()}`,
      timeoutMs: 3000,
      closeAfterOpenMs: 100,
      onStep: (step) => streamed.push(step.kind === 'event' ? step.event.type : step.kind),
    });
    const kinds = result.steps.map((step) => (step.kind === 'event' ? step.event.type : step.kind));
    expect(kinds).toEqual(['connecting', 'tcp-connected', 'switching-protocols', 'open', 'message', 'close']);
    expect(streamed).toEqual(kinds);
    const ats = result.steps.map((step) => step.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
  });

  it('send: text messages go out right after open (the reference server echoes them)', async () => {
    const server = await referenceServer();
    const result = await probeHandshake({
      url: `${server.url}/?token=${await goodToken()}`,
      timeoutMs: 3000,
      closeAfterOpenMs: 300,
      send: ['first', 'second'],
    });
    expect(result.events.filter((e) => e.type === 'sent').map((e) => e.data)).toEqual(['first', 'second']);
    const received = result.events.filter((e) => e.type === 'message').map((e) => e.data ?? '');
    expect(received.some((data) => data.includes('first'))).toBe(true);
    expect(received.some((data) => data.includes('second'))).toBe(true);
  });

  it('sees the close 1008 "invalid signature" that follows open', async () => {
    const server = await referenceServer();
    const minted = await mintToken(
      { ...defaultPayload(Date.now()) },
      { text: 'other', encoding: 'utf8' },
      'HS256',
    );
    if (!minted.ok) throw new Error('mint');
    const result = await probeHandshake({ url: `${server.url}/?token=${minted.token}`, timeoutMs: 3000 });
    expect(result.events.find((e) => e.type === 'close')).toMatchObject({
      code: 1008,
      reason: 'invalid signature',
      wasClean: true,
    });
  });

  it('reads the status, headers and body of a refused upgrade (reject-401)', async () => {
    const server = await referenceServer();
    const result = await probeHandshake({ url: `${server.url}/fault/reject-401?token=x`, timeoutMs: 3000 });
    expect(result.outcome).toBe('rejected');
    const refusal = result.events.find((e) => e.type === 'unexpected-response');
    expect(refusal).toMatchObject({ status: 401, statusText: 'Unauthorized' });
    expect(refusal?.headers?.['www-authenticate']).toContain('Bearer');
    expect(refusal?.body).toContain('invalid_token');
    expect(result.xray).toMatchObject({ status: 401, body: expect.stringContaining('invalid_token') });
    expect(result.events.map((e) => e.type)).toEqual(['connecting', 'unexpected-response']);
  });

  it('keeps at most maxBodyBytes of a refusal body', async () => {
    const url = await httpServer((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('x'.repeat(100_000));
    });
    const result = await probeHandshake({ url, timeoutMs: 3000, maxBodyBytes: 1000 });
    expect(result.xray?.status).toBe(400);
    expect(result.xray?.body.length).toBe(1000);
    expect(result.bodyTruncated).toBe(true);
  });

  it('cuts a refusal whose body never ends at the deadline', async () => {
    const url = await httpServer((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
      res.write('partial');
    });
    const result = await probeHandshake({ url, timeoutMs: 400 });
    expect(result.outcome).toBe('rejected');
    expect(result.xray).toMatchObject({ status: 403, body: 'partial' });
    expect(result.durationMs).toBeLessThan(2000);
  });

  it('times out a hanging handshake', async () => {
    const server = await referenceServer();
    const result = await probeHandshake({
      url: `${server.url}/fault/hang-handshake?token=x`,
      timeoutMs: 300,
    });
    expect(result.outcome).toBe('timeout');
    expect(result.events.map((e) => e.type)).toEqual(['connecting', 'timeout']);
    expect(result.events[1]?.at).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(1500);
  });

  it('reports connection refused when nothing listens', async () => {
    const server = await referenceServer();
    const url = server.url;
    await server.close();
    const result = await probeHandshake({ url, timeoutMs: 3000 });
    expect(result.outcome).toBe('failed');
    expect(result.events.find((e) => e.type === 'error')?.message).toMatch(/ECONNREFUSED/);
    expect(result.events.at(-1)).toMatchObject({ type: 'close', code: 1006, wasClean: false });
  });

  it('records a drop without a close frame as 1006', async () => {
    const server = await referenceServer();
    const result = await probeHandshake({
      url: `${server.url}/fault/drop-after-open?token=${await goodToken()}`,
      timeoutMs: 3000,
      closeAfterOpenMs: 1000,
    });
    expect(result.outcome).toBe('opened');
    expect(result.events.find((e) => e.type === 'close')).toMatchObject({ code: 1006, wasClean: false });
  });

  it('records the subprotocol error of a server that does not echo one', async () => {
    const server = await referenceServer();
    const result = await probeHandshake({
      url: `${server.url}/fault/subprotocol?token=${await goodToken()}`,
      timeoutMs: 3000,
      protocols: ['chat'],
    });
    expect(result.outcome).toBe('failed');
    expect(result.events.find((e) => e.type === 'error')?.message).toMatch(/no subprotocol/i);
  });

  it('counts messages beyond collectMessages without keeping them', async () => {
    const server = await referenceServer();
    const result = await probeHandshake({
      url: `${server.url}/fault/flood?n=50&size=10&token=${await goodToken()}`,
      timeoutMs: 3000,
      collectMessages: 5,
      closeAfterOpenMs: 500,
    });
    expect(result.events.filter((e) => e.type === 'message')).toHaveLength(5);
    expect(result.droppedMessages).toBeGreaterThan(0);
  });

  it('never throws: an invalid URL is an error event', async () => {
    const result = await probeHandshake({ url: 'not a url', timeoutMs: 1000 });
    expect(result.outcome).toBe('failed');
    expect(result.events[1]).toMatchObject({ type: 'error', thrown: 'SyntaxError' });
  });

  it('stops when the signal aborts', async () => {
    const server = await referenceServer();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await probeHandshake({
      url: `${server.url}/fault/hang-handshake`,
      timeoutMs: 5000,
      signal: controller.signal,
    });
    expect(result.outcome).toBe('aborted');
    expect(result.durationMs).toBeLessThan(1000);
  });
});
