// Promise 2: secrets are never persisted, tokens only on explicit opt-in — not in localStorage,
// sessionStorage, IndexedDB, Cache Storage, cookies, window.name, history state or the address bar.
import { ConsolePage, SECRET, expect, signToken, test } from './support/fixtures.ts';
import { fullSession } from './support/security.ts';
import { everythingStored } from './support/storage-dump.ts';

// A shared, busy machine renders slowly: generous limits (behaviour is asserted, never timing).
test.describe.configure({ timeout: 90_000 });

const signatureOf = (token: string): string => token.split('.')[2] ?? token;

test('after a full session and a reload, neither the secret nor a token is stored anywhere', async ({
  page,
  context,
  server,
}) => {
  test.slow();
  const c = new ConsolePage(page);
  await c.goto();
  const { pasted, minted } = await fullSession(c, server);

  for (const when of ['after the session', 'after a reload']) {
    if (when === 'after a reload') {
      await page.reload();
      await expect(c.token).toBeVisible();
    }
    const { all, localStorage } = await everythingStored(page, context);
    expect(all, `${when}: the secret`).not.toContain(SECRET);
    for (const t of [pasted, minted]) {
      expect(all, `${when}: a token`).not.toContain(signatureOf(t));
      expect(all, `${when}: a token payload`).not.toContain(t.split('.')[1] ?? t);
    }
    // What is kept is the allow-listed settings (so the check above looked at real data).
    expect(JSON.stringify(localStorage)).toContain(server.url);
  }
  // The reload starts empty.
  await expect(c.token).toHaveValue('');
  await expect(c.secret).toHaveValue('');
});

test('"Remember the token" keeps the token (and only it) in localStorage; unticking forgets it; the secret never', async ({
  page,
  context,
}) => {
  test.slow(); // two reloads
  const c = new ConsolePage(page);
  await c.goto();
  await c.secret.fill(SECRET);
  await page.getByRole('button', { name: 'Mint token', exact: true }).click();
  await expect(c.token).toHaveValue(/^eyJ/);
  const token = await c.token.inputValue();
  const remember = page.getByRole('checkbox', { name: /^Remember the token on this device/ });
  await expect(remember).not.toBeChecked(); // off by default
  await remember.check();

  await page.reload();
  await expect(c.token).toHaveValue(token);
  await expect(c.secret).toHaveValue('');
  let stored = await everythingStored(page, context);
  expect(stored.all).not.toContain(SECRET);
  expect(JSON.stringify(stored.localStorage)).toContain(token);
  // Only in localStorage: the rest of the dump without it holds no token.
  expect(stored.all.split(token).length - 1).toBe(1);

  await remember.uncheck();
  await expect(remember).not.toBeChecked();
  stored = await everythingStored(page, context);
  expect(stored.all).not.toContain(signatureOf(token));
  await page.reload();
  await expect(c.token).toHaveValue('');
});

test('credentials typed into the Server URL are not stored — a JWT in the token parameter or another, keys, userinfo — and a note says what was not kept', async ({
  page,
  context,
}) => {
  test.slow(); // two reloads
  const c = new ConsolePage(page);
  await c.goto();
  const inTokenParam = await signToken({ userId: 'in-token-param' });
  const inOtherParam = await signToken({ userId: 'in-other-param' }, { secret: 'another-e2e-secret-42' });
  const key = 'e2e-api-key-5d1f0c9a7b';
  const password = 'e2e-pa55word-71c2';
  const typed =
    `ws://alice:${password}@localhost:3000/ws?room=7&token=${inTokenParam}&state=${inOtherParam}` +
    `&api_key=${key}&apikey=${key}-2&sig=${key}-3`;
  await c.serverUrl.fill(typed);
  // What the user sees and the socket opens is what was typed (the Token field is empty: sent as typed).
  await expect(c.connectionUrl).toHaveValue(typed);
  await expect(page.locator('[data-url-not-kept="typed"]')).toContainText(
    'Used in this tab only, not stored: the userinfo, the value of token, the value of state',
  );
  // Saved as a profile too: the same redaction, and the save says so.
  await c.openTool('Profiles');
  await page.getByLabel('Profile name', { exact: true }).fill('creds');
  await page.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the profile' })).toContainText(
    'Not saved from the Server URL: the userinfo, the value of token',
  );

  const credentials = [
    password,
    key,
    signatureOf(inTokenParam),
    inTokenParam.split('.')[1] ?? '-',
    signatureOf(inOtherParam),
    inOtherParam.split('.')[1] ?? '-',
  ];
  for (const when of ['as typed', 'after a reload']) {
    if (when === 'after a reload') {
      await page.reload();
      await expect(c.token).toBeVisible();
    }
    const { all, localStorage } = await everythingStored(page, context);
    for (const secret of credentials) expect(all, `${when}: ${secret.slice(0, 12)}…`).not.toContain(secret);
    expect(all).not.toContain('alice');
    // The rest of the URL was kept (so the check above looked at real data).
    expect(JSON.stringify(localStorage)).toContain('ws://localhost:3000/ws?room=7&token=&state=');
  }
  await expect(c.serverUrl).toHaveValue('ws://localhost:3000/ws?room=7&token=&state=&api_key=&apikey=&sig=');
  const note = page.locator('[data-url-not-kept="restored"]');
  await expect(note).toHaveText(
    'Not kept: the userinfo, the value of token, the value of state, the value of api_key, the value of apikey and the value of sig — credentials in the Server URL are never stored. Enter them again to use them.',
  );
  // Editing the URL ends the note about the last session.
  await c.serverUrl.fill('ws://localhost:3000');
  await expect(note).toHaveCount(0);
});
