import type { HmacAlg } from '../types.ts';

/** The HMAC algorithms this tool verifies and mints. Its own module: no crypto code comes with it. */
export const HMAC_ALGORITHMS: readonly HmacAlg[] = Object.freeze(['HS256', 'HS384', 'HS512'] as const);
