// The guide's example payload. Its own module: minting code (and jose) does not come with it.

export interface GuidePayload {
  userId: '123';
  role: 'principal';
  /** Seconds since the epoch. */
  iat: number;
  /** iat + 24 h. */
  exp: number;
}

const DAY_SECONDS = 24 * 60 * 60;

/** The guide's example payload, issued at `now` (epoch ms) and valid for 24 hours. */
export function guidePayload(now: number): GuidePayload {
  if (typeof now !== 'number' || !Number.isFinite(now))
    throw new TypeError('guidePayload: now must be epoch milliseconds');
  const iat = Math.floor(now / 1000);
  return { userId: '123', role: 'principal', iat, exp: iat + DAY_SECONDS };
}
