// Shared steps of the security and hostile-server specs (SECURITY.md): a full session as a user runs it.
import type { ReferenceServer } from '../../src/node/server/reference-server.ts';
import { SECRET, expect, signToken, type ConsolePage } from './fixtures.ts';

export interface SessionResult {
  /** The token pasted first (signed with SECRET). */
  pasted: string;
  /** The token the console minted (signed with SECRET). */
  minted: string;
}

/** Paste a token, type the secret, mint, connect to the reference server, send, disconnect. */
export async function fullSession(
  c: ConsolePage,
  server: ReferenceServer,
  secret = SECRET,
): Promise<SessionResult> {
  const { page } = c;
  const pasted = await signToken({ userId: 'pasted-user' });
  await c.token.fill(pasted);
  await expect(c.status).toHaveAttribute('data-token-status', 'valid');
  await c.secret.fill(secret);
  await page.getByRole('button', { name: 'Mint token', exact: true }).click();
  await expect(c.token).not.toHaveValue(pasted);
  await expect(c.token).toHaveValue(/^eyJ/);
  const minted = await c.token.inputValue();
  await c.connectTo(server.url);
  await expect(c.event('open')).toHaveCount(1);
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('hello from the session');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(c.event('message').filter({ hasText: 'hello from the session' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(c.event('close')).toHaveAttribute('data-code', '1000');
  return { pasted, minted };
}
