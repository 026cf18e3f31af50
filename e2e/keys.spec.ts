// Keys beyond a shared secret: verifying RS/PS/ES/EdDSA tokens with a PEM, JWK, JWKS or JWKS URL, minting
// with a private key or a generated key pair, plain-language key problems, and claim descriptions.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { expect, test, type ConsolePage } from './support/fixtures.ts';

async function keyPair(alg: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicPem: await exportSPKI(publicKey), publicJwk: await exportJWK(publicKey) };
}

async function sign(
  privateKey: CryptoKey,
  alg: string,
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ userId: '123', role: 'principal', iat: now, exp: now + 3600 })
    .setProtectedHeader({ alg, typ: 'JWT', ...header })
    .sign(privateKey);
}

async function choosePublicKey(c: ConsolePage): Promise<void> {
  await c.page.getByRole('radio', { name: 'Public key (PEM, JWK or JWKS)', exact: true }).check();
  await expect(c.page.getByLabel('Public key', { exact: true })).toBeVisible();
}

/** A plain HTTP server answering one JSON document, with or without CORS. */
async function jsonServer(body: unknown, cors: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const srv: Server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (cors) res.setHeader('Access-Control-Allow-Origin', '*');
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () =>
      new Promise<void>((r) => {
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}

test.describe('verify with a public key', () => {
  test('an RS256 token verifies with the pasted PEM public key, live', async ({ consolePage: c, page }) => {
    test.slow(); // real key generation and WebCrypto in Node and in the page
    const pair = await keyPair('RS256');
    const other = await keyPair('RS256');
    await c.token.fill(await sign(pair.privateKey, 'RS256'));
    await choosePublicKey(c);
    await page.getByLabel('Public key', { exact: true }).fill(pair.publicPem);
    await expect(page.locator('[data-key-info="spki"]')).toContainText('RSA 2048-bit public key');
    await expect(page.locator('[data-verify="ok"]')).toContainText('RS256');
    // Another signer: the verdict follows at once, and the diagnosis names the key.
    await c.token.fill(await sign(other.privateKey, 'RS256'));
    await expect(page.locator('[data-verify="failed"]')).toContainText('does not match');
    await expect(page.locator('[data-verify="ok"]')).toHaveCount(0);
    await expect(c.diagnosis.locator('[data-cause="secret-mismatch"]')).toContainText('public key');
    await expect(c.diagnosis.locator('[data-cause="algorithm-mismatch"]')).toHaveCount(0);
  });

  test('a JWKS without the token kid: the message lists the kids', async ({ consolePage: c, page }) => {
    test.slow(); // real key generation and WebCrypto in Node and in the page
    const pair = await keyPair('ES256');
    const old = await keyPair('ES256');
    await c.token.fill(await sign(pair.privateKey, 'ES256', { kid: 'k-2026' }));
    await choosePublicKey(c);
    const jwks = {
      keys: [
        { ...old.publicJwk, kid: 'k-2024' },
        { ...old.publicJwk, kid: 'k-2025' },
      ],
    };
    await page.getByLabel('Public key', { exact: true }).fill(JSON.stringify(jwks));
    const verdict = page.locator('[data-key-problem="ERR_JWKS_NO_MATCHING_KEY"]');
    await expect(verdict).toContainText('No key in the JWKS has kid "k-2026"');
    await expect(verdict).toContainText('"k-2024", "k-2025"');
    // The right key under the right kid verifies.
    await page
      .getByLabel('Public key', { exact: true })
      .fill(JSON.stringify({ keys: [...jwks.keys, { ...pair.publicJwk, kid: 'k-2026' }] }));
    await expect(page.locator('[data-verify="ok"]')).toContainText('ES256');
  });

  test('key problems in plain words: no armour, alg vs key type, RSA under 2048 bits', async ({
    consolePage: c,
    page,
  }) => {
    test.slow(); // real key generation and WebCrypto in Node and in the page
    const pair = await keyPair('RS256');
    await c.token.fill(await sign(pair.privateKey, 'RS256'));
    await choosePublicKey(c);
    const body = pair.publicPem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').trim();
    await page.getByLabel('Public key', { exact: true }).fill(body);
    await expect(page.locator('[data-key-problem="WARN_PEM_NO_ARMOUR"]')).toContainText(
      'add the -----BEGIN PUBLIC KEY----- line',
    );
    await expect(page.locator('[data-verify="ok"]')).toBeVisible();

    const ec = await keyPair('ES256');
    await page.getByLabel('Public key', { exact: true }).fill(ec.publicPem);
    await expect(page.locator('[data-key-problem="ERR_KEY_ALG_MISMATCH"]')).toContainText(
      'RS256 needs an RSA key, but this is an EC P-256 key',
    );
    await expect(c.diagnosis.locator('[data-cause="algorithm-mismatch"]')).toBeVisible();

    const weak = await page.evaluate(async () => {
      const kp = (await crypto.subtle.generateKey(
        {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 1024,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        },
        true,
        ['sign', 'verify'],
      )) as CryptoKeyPair;
      const der = new Uint8Array(await crypto.subtle.exportKey('spki', kp.publicKey));
      return `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...der))}\n-----END PUBLIC KEY-----`;
    });
    await page.getByLabel('Public key', { exact: true }).fill(weak);
    await expect(
      page.locator('[data-verify="key-problem"][data-key-problem="ERR_KEY_RSA_TOO_SHORT"]'),
    ).toContainText('only 1024 bits');
  });
});

test.describe('mint with a private key', () => {
  test('generate a key pair and mint ES256: the token verifies with the public key', async ({
    consolePage: c,
    page,
  }) => {
    test.slow(); // real key generation and WebCrypto in Node and in the page
    await c.openTool('Mint & keys');
    await page.getByLabel('Sign with', { exact: true }).selectOption('private-key');
    await page.getByLabel('Algorithm', { exact: true }).selectOption('ES256');
    await page.getByRole('button', { name: 'Generate key pair', exact: true }).click();
    await expect(page.getByLabel('Private key', { exact: true })).toHaveValue(/^-----BEGIN PRIVATE KEY-----/);
    await expect(
      page.getByRole('radio', { name: 'Public key (PEM, JWK or JWKS)', exact: true }),
    ).toBeChecked();
    await expect(page.getByLabel('Public key', { exact: true })).toHaveValue(/^-----BEGIN PUBLIC KEY-----/);
    await page.getByRole('button', { name: 'Mint token', exact: true }).click();
    await expect(page.getByLabel('Header JSON')).toContainText('"alg": "ES256"');
    await expect(page.locator('[data-verify="ok"]')).toContainText('ES256');
  });

  test('minting with a public key says a private key is needed', async ({ consolePage: c, page }) => {
    test.slow(); // real key generation and WebCrypto in Node and in the page
    const pair = await keyPair('RS256');
    await c.openTool('Mint & keys');
    await page.getByLabel('Sign with', { exact: true }).selectOption('private-key');
    await page.getByLabel('Private key', { exact: true }).fill(pair.publicPem);
    await page.getByRole('button', { name: 'Mint token', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('signing needs the private key');
    await expect(c.token).toHaveValue('');
  });
});

test.describe('JWKS URL', () => {
  test('a JWKS server without CORS: the failure is explained', async ({ consolePage: c, page, baseURL }) => {
    test.slow(); // real key generation and WebCrypto in Node and in the page
    const pair = await keyPair('RS256');
    const srv = await jsonServer({ keys: [{ ...pair.publicJwk, kid: 'a' }] }, false);
    try {
      await c.token.fill(await sign(pair.privateKey, 'RS256', { kid: 'a' }));
      await page.getByRole('radio', { name: 'JWKS from a URL', exact: true }).check();
      await page.getByLabel('JWKS URL', { exact: true }).fill(srv.url);
      await page.getByRole('button', { name: 'Fetch JWKS', exact: true }).click();
      const failed = page.locator('[data-jwks-state="failed"]');
      await expect(failed).toContainText(`The browser blocked reading ${srv.url}`);
      await expect(failed).toContainText('no Access-Control-Allow-Origin');
      await expect(failed).toContainText(new URL(baseURL ?? '').origin);
      await expect(failed).toContainText('paste the JWKS JSON');
    } finally {
      await srv.close();
    }
  });

  test('a JWKS server with CORS: the token verifies with the fetched key', async ({
    consolePage: c,
    page,
  }) => {
    test.slow(); // real key generation and WebCrypto in Node and in the page
    const pair = await keyPair('PS256');
    const srv = await jsonServer({ keys: [{ ...pair.publicJwk, kid: 'ps' }] }, true);
    try {
      await c.token.fill(await sign(pair.privateKey, 'PS256', { kid: 'ps' }));
      await page.getByRole('radio', { name: 'JWKS from a URL', exact: true }).check();
      await page.getByLabel('JWKS URL', { exact: true }).fill(srv.url);
      await page.getByLabel('JWKS URL', { exact: true }).press('Enter');
      await expect(page.locator('[data-jwks-state="done"]')).toContainText('Loaded 1 key');
      await expect(page.locator('[data-verify="ok"]')).toContainText('PS256');
    } finally {
      await srv.close();
    }
  });
});

test('claim descriptions show on keyboard focus and on hover', async ({ consolePage: c, page }) => {
  test.slow(); // real key generation and WebCrypto in Node and in the page
  const pair = await keyPair('EdDSA');
  await c.token.fill(await sign(pair.privateKey, 'EdDSA', { kid: 'ed-1' }));
  const payload = page.getByLabel('Payload claims', { exact: true });
  const exp = payload.locator('[data-claim-name="exp"]');
  await expect(exp).toBeVisible();
  const tooltip = page.getByRole('tooltip').filter({ hasText: 'Expiration Time' });
  await expect(tooltip).toBeHidden();
  await exp.focus();
  await expect(tooltip).toBeVisible();
  await expect(exp).toHaveAccessibleDescription(/Expiration Time/);
  await exp.blur();
  await expect(tooltip).toBeHidden();
  const kid = page.getByLabel('Header claims', { exact: true }).locator('[data-claim-name="kid"]');
  await kid.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'Key ID' })).toBeVisible();
  // The raw JSON stays.
  await expect(page.getByLabel('Payload JSON')).toContainText('"role": "principal"');
});
