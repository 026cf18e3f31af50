// The payload Mint token and `wsjwt mint` start from: the troubleshooting guide's example (README,
// Background), valid for 24 hours. Its own module: minting code (and jose) does not come with it.

export interface DefaultPayload {
  userId: '123';
  role: 'principal';
  /** Seconds since the epoch. */
  iat: number;
  /** iat + 24 h. */
  exp: number;
}

const DAY_SECONDS = 24 * 60 * 60;

/** The default payload, issued at `now` (epoch ms) and valid for 24 hours. */
export function defaultPayload(now: number): DefaultPayload {
  if (typeof now !== 'number' || !Number.isFinite(now))
    throw new TypeError('defaultPayload: now must be epoch milliseconds');
  const iat = Math.floor(now / 1000);
  return { userId: '123', role: 'principal', iat, exp: iat + DAY_SECONDS };
}
