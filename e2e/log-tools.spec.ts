import { readFileSync } from 'node:fs';
import { SECRET, expect, signToken, startPurposeServer, test, type ConsolePage } from './support/fixtures.ts';
import type { Page } from '@playwright/test';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const message = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const total = async (page: Page) =>
  Number(await page.locator('[data-log-total]').getAttribute('data-log-total'));

async function connectToEcho(c: ConsolePage, url: string, token?: string): Promise<string> {
  const t = token ?? (await signToken());
  await c.token.fill(t);
  await c.connectTo(url);
  await expect(c.event('open')).toHaveCount(1);
  await expect(c.event('message').first()).toContainText('welcome');
  return t;
}

async function send(page: Page, text: string): Promise<void> {
  await message(page).fill(text);
  await button(page, 'Send').click();
}

// Several steps per test against real servers: generous timeouts for a busy CI machine (no timing is asserted).
test.describe.configure({ timeout: 90_000 });

test.describe('log tools', () => {
  test('Filter log by text and by event type', async ({ consolePage: c, server, page }) => {
    await connectToEcho(c, server.url);
    await send(page, 'alpha-1');
    await send(page, 'beta-2');
    await expect(c.event('message')).toHaveCount(3); // welcome + two echoes
    const filter = page.getByRole('textbox', { name: 'Filter log', exact: true });
    await filter.fill('ALPHA');
    await expect(c.log.locator('[data-event]')).toHaveCount(2); // sent + echo
    await expect(c.event('sent')).toContainText('alpha-1');
    await expect(c.event('message')).toContainText('alpha-1');
    await button(page, 'Show sent events').click();
    await expect(c.log.locator('[data-event]')).toHaveCount(1);
    await expect(c.event('message')).toContainText('alpha-1');
    await filter.fill('nothing like this');
    await expect(c.log.locator('[data-event]')).toHaveCount(0);
    await expect(c.log).toContainText('No event matches the filter.');
    await filter.fill('');
    await button(page, 'Show sent events').click();
    await expect(c.log.locator('[data-event]')).toHaveCount(7); // connecting, open, welcome, 2 × (sent + echo)
  });

  test('Pause log keeps recording: the counts rise while the view stands still; Resume log catches up', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await connectToEcho(c, server.url);
    await message(page).fill('tick');
    await page.getByRole('spinbutton', { name: 'Interval (ms)', exact: true }).fill('100');
    await button(page, 'Start interval').click();
    await expect.poll(() => total(page)).toBeGreaterThan(6);
    const newest = () => c.log.locator('[data-event]').last().getAttribute('data-seq').then(Number);
    await button(page, 'Pause log').click();
    await expect(button(page, 'Resume log')).toBeVisible();
    await expect(page.getByText('View paused: recording continues')).toBeVisible();
    const seqAtPause = await newest();
    const totalAtPause = await total(page);
    await expect.poll(() => total(page)).toBeGreaterThan(totalAtPause + 4); // still recording
    expect(await newest()).toBe(seqAtPause); // the view did not move
    await button(page, 'Resume log').click();
    await expect.poll(newest).toBeGreaterThan(seqAtPause + 4);
    await button(page, 'Stop interval').click();
  });

  test('Clear log empties the log and the counts', async ({ consolePage: c, server, page }) => {
    await connectToEcho(c, server.url);
    await send(page, 'before clear');
    await expect(c.event('message')).toHaveCount(2);
    await button(page, 'Clear log').click();
    await expect(c.log.locator('[data-event]')).toHaveCount(0);
    await expect(page.locator('[data-log-total]')).toHaveAttribute('data-log-total', '0');
    await send(page, 'after clear');
    await expect(c.event('message')).toHaveCount(1);
    await expect(c.event('message')).toContainText('after clear');
  });

  test('Export log downloads the events as JSON with the token and the secret redacted', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await c.secret.fill(SECRET);
    const token = await connectToEcho(c, server.url);
    await send(page, `echo my token ${token} and secret ${SECRET}`);
    await expect(c.event('message')).toHaveCount(2);
    await button(page, 'Disconnect').click();
    await expect(c.event('close')).toHaveCount(1);
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export log').click()]);
    expect(download.suggestedFilename()).toMatch(/^wsjwt-log-.*\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    const doc = JSON.parse(text) as {
      format: string;
      total: number;
      events: Array<{ type: string; data?: string; code?: number }>;
    };
    expect(doc.format).toBe('wsjwt-log');
    expect(doc.events.map((e) => e.type)).toEqual([
      'connecting',
      'open',
      'message',
      'sent',
      'message',
      'close',
    ]);
    expect(doc.events.at(-1)?.code).toBe(1000);
    expect(doc.total).toBe(6);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain(SECRET);
    expect(doc.events[0]?.data).toContain('token=<redacted>');
    expect(doc.events[3]?.data).toContain('<token redacted>');
    expect(doc.events[3]?.data).toContain('<secret redacted>');
  });

  test('Inspect an entry: pretty JSON, copy it redacted', async ({
    consolePage: c,
    server,
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await c.secret.fill(SECRET);
    const token = await connectToEcho(c, server.url);
    const welcome = c.event('message').first();
    await welcome.getByRole('button', { name: /^Inspect event \d+$/ }).click();
    const inspected = page.getByRole('region', { name: 'Inspected event' });
    await expect(inspected.getByLabel('Message as JSON', { exact: true })).toContainText('"type": "welcome"');
    await send(page, `{"token":"${token}"}`);
    await expect(c.event('message')).toHaveCount(2);
    await c
      .event('message')
      .last()
      .getByRole('button', { name: /^Inspect event \d+$/ })
      .click();
    await expect(inspected.getByLabel('Message as JSON', { exact: true })).toContainText('"token": ');
    await inspected.getByRole('button', { name: /^Copy entry/ }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied)).toMatchObject({ type: 'message' });
    expect(copied).not.toContain(token);
    await button(page, 'Close inspector').click();
    await expect(inspected).toHaveCount(0);
  });

  test('binary messages get a hex view', async ({ consolePage: c, page }) => {
    const bytes = Buffer.from('Hello\u0000WebSocket binary frame!', 'latin1');
    const srv = await startPurposeServer((ws) => ws.send(bytes));
    try {
      await c.token.fill(await signToken());
      await c.connectTo(srv.url);
      await expect(c.event('message')).toContainText('binary 29 B');
      await c
        .event('message')
        .getByRole('button', { name: /^Inspect event \d+$/ })
        .click();
      const hex = page
        .getByRole('region', { name: 'Inspected event' })
        .getByLabel('Hex view', { exact: true });
      await expect(hex).toContainText(
        '00000000  48 65 6c 6c 6f 00 57 65  62 53 6f 63 6b 65 74 20  |Hello.WebSocket |',
      );
      await expect(hex).toContainText('|binary frame!|');
    } finally {
      await srv.close();
    }
  });
});

test.describe('composer', () => {
  test('JSON is validated, formatted and sent; the echo shows its round trip', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await connectToEcho(c, server.url);
    await page.getByRole('combobox', { name: 'Message format', exact: true }).selectOption('json');
    await send(page, '{"op": "ping",');
    await expect(page.getByRole('alert').filter({ hasText: 'Not valid JSON' })).toBeVisible();
    await expect(c.event('sent')).toHaveCount(0);
    await message(page).fill('{"op":"ping","n":1}');
    await button(page, 'Format JSON').click();
    await expect(message(page)).toHaveValue('{\n  "op": "ping",\n  "n": 1\n}');
    await button(page, 'Send').click();
    await expect(c.event('sent')).toHaveCount(1);
    const echo = c.event('message').nth(1);
    await expect(echo).toContainText('"op": "ping"');
    await expect(echo).toContainText(/echo \d+(\.\d)? ms/);
    await expect(page.locator('[data-rtt]')).toContainText('Echo round trip');
  });

  test('binary from hex and from base64, echoed back as binary', async ({ consolePage: c, server, page }) => {
    await connectToEcho(c, server.url);
    const format = page.getByRole('combobox', { name: 'Message format', exact: true });
    await format.selectOption('hex');
    await send(page, 'zz');
    await expect(page.getByRole('alert').filter({ hasText: 'not a hex digit' })).toBeVisible();
    await send(page, 'de ad be ef');
    await expect(c.event('sent')).toContainText('binary 4 B');
    await expect(c.event('message').nth(1)).toContainText('binary 4 B:de ad be ef');
    await expect(c.event('message').nth(1)).toContainText(/echo \d/);
    await format.selectOption('base64');
    await send(page, 'AAEC/w==');
    await expect(c.event('message').nth(2)).toContainText('00 01 02 ff');
  });

  test('an interval sends the message again and again (a heartbeat) until stopped', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await connectToEcho(c, server.url);
    await message(page).fill('heartbeat');
    await page.getByRole('spinbutton', { name: 'Interval (ms)', exact: true }).fill('150');
    await button(page, 'Start interval').click();
    await expect(page.getByText('sending every 150 ms')).toBeVisible();
    await expect.poll(() => c.event('sent').count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator('[data-rtt]')).toContainText(/\d+ echoed/);
    await button(page, 'Stop interval').click();
    await expect(button(page, 'Start interval')).toBeVisible();
    const sent = await c.event('sent').count();
    await page.waitForTimeout(400); // nothing more is sent once stopped
    await expect(c.event('sent')).toHaveCount(sent);
  });

  test('the interval stops by itself when the socket closes', async ({ consolePage: c, server, page }) => {
    await connectToEcho(c, server.url);
    await message(page).fill('beat');
    await page.getByRole('spinbutton', { name: 'Interval (ms)', exact: true }).fill('100');
    await button(page, 'Start interval').click();
    await button(page, 'Disconnect').click();
    await expect(c.event('close')).toHaveCount(1);
    await expect(button(page, 'Start interval')).toBeVisible();
  });

  test('snippets are saved in localStorage under their own key, with a warning for the token', async ({
    consolePage: c,
    server,
    page,
  }) => {
    const token = await connectToEcho(c, server.url);
    await message(page).fill('{"op":"subscribe"}');
    await button(page, 'Save snippet').click();
    await message(page).fill(`{"auth":"${token}"}`);
    await button(page, 'Save snippet').click();
    await expect(page.getByRole('alert').filter({ hasText: 'contains the current token' })).toBeVisible();
    await button(page, 'Cancel').click();
    const stored = await page.evaluate(() => localStorage.getItem('wsjwt-snippets'));
    expect(stored).toContain('subscribe');
    expect(stored).not.toContain(token);
    const settings = await page.evaluate(() => localStorage.getItem('wsjwt-settings') ?? '');
    expect(settings).not.toContain('subscribe');

    await page.reload();
    await expect(c.token).toBeVisible();
    const snippets = page.getByRole('combobox', { name: 'Snippets', exact: true });
    await snippets.selectOption({ label: '{"op":"subscribe"}' });
    await expect(message(page)).toHaveValue('{"op":"subscribe"}');
    await button(page, 'Delete snippet').click();
    await expect(snippets).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem('wsjwt-snippets'))).toBe('[]');
  });
});
