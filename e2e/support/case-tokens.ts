// The tokens the real-server cases send: a token as the guide's signer makes it (userId, role, iat, exp),
// changed one way per case, signed with the server's secret (or, for wrong-secret, another one).
import { SignJWT } from 'jose';

export type CaseId = 'good' | 'wrong-secret' | 'expired' | 'no-role';

export async function caseToken(id: CaseId, serverSecret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { userId: '123', role: 'principal', iat: now, exp: now + 3600 };
  if (id === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (id === 'no-role') delete claims.role;
  const secret = id === 'wrong-secret' ? 'another-secret-than-the-servers' : serverSecret;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}
