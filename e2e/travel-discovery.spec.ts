// Issue 15, item 4 — "where did the server want the token?" in real Chromium: fastify + @fastify/websocket
// + @fastify/jwt in its header-only default (a server no one here wrote), the console sending the token in
// the query (its default, and all a browser can do besides the subprotocol). The x-ray helper tries the
// same token in other places from Node; the Diagnosis names the place the server accepts — and a token
// signed with another secret is refused in every place, so it is not called a travel mismatch.
import { expect, test } from './support/fixtures.ts';
import {
  realServerTokens,
  startFastifyHeaderJwt,
  startWsAccessTokenQuery,
  type RunningServer,
} from './real-servers/node-protocols/servers.ts';

let server: RunningServer;
test.beforeEach(async () => {
  server = await startFastifyHeaderJwt();
});
test.afterEach(async () => {
  await server.close();
});

test('a good token sent in the query to a header-only server: token-travel-mismatch first, naming the Authorization header', async ({
  consolePage: c,
  page,
}) => {
  await expect(page.locator('[data-xray="on"]')).toBeVisible();
  await c.token.fill(realServerTokens().good);
  await c.connectTo(server.url);
  await expect(c.event('unexpected-response')).toContainText('HTTP 401');
  const tried = c.event('discovery');
  await expect(tried).toContainText(/tried the token in \d other places/);
  await expect(tried).toContainText('the Authorization header (Bearer) accepted');
  const top = c.diagnosis.locator('[data-cause]').first();
  await expect(top).toHaveAttribute('data-cause', 'token-travel-mismatch');
  await expect(top).toContainText('accepts this token in the Authorization header');
  await expect(top).toContainText('Authorization header (via local relay)');

  // The finding belongs to that attempt: another token withdraws it.
  await c.token.fill(realServerTokens().expired);
  await expect(c.diagnosis).toHaveAttribute('data-stale', 'true');
  await expect(c.diagnosis.locator('[data-cause="token-travel-mismatch"]')).toHaveCount(0);
});

test('a token signed with another secret: refused in every place — secret-mismatch first, not a travel mismatch', async ({
  consolePage: c,
}) => {
  await c.token.fill(realServerTokens().wrongSecret);
  await c.connectTo(server.url);
  // Wait for the attempts to be made, so the verdict below is the one they led to.
  await expect(c.event('discovery')).toContainText(/tried the token in \d other places/);
  const top = c.diagnosis.locator('[data-cause]').first();
  await expect(top).toHaveAttribute('data-cause', 'secret-mismatch');
  await expect(top).toContainText('The token signature is invalid');
  await expect(c.diagnosis.locator('[data-cause="token-travel-mismatch"]')).toHaveCount(0);
});

test('the Authorization header through the relay, to a server that reads ?access_token=: discovery names the query', async ({
  page,
  consolePage: c,
}) => {
  const queryServer = await startWsAccessTokenQuery();
  try {
    await page
      .getByLabel('Token travels in', { exact: true })
      .selectOption({ label: 'Authorization header (via local relay)' });
    await c.token.fill(realServerTokens().good);
    await c.connectTo(queryServer.url);
    // The relay hands over the upstream's refusal; discovery then runs from Node as after the x-ray's.
    await expect(c.event('unexpected-response')).toContainText('HTTP 401');
    await expect(c.event('discovery')).toContainText('?access_token= accepted');
    const top = c.diagnosis.locator('[data-cause]').first();
    await expect(top).toHaveAttribute('data-cause', 'token-travel-mismatch');
    await expect(top).toContainText('accepts this token in ?access_token=');
    await expect(top.locator('ol > li').first()).toContainText(
      'Set Token travels in to Query parameter, and Token parameter to access_token',
    );
  } finally {
    await queryServer.close();
  }
});
