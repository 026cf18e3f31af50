// Promise 1 in words as well as in requests: the console never tells the user to paste a token into a
// third-party decoder (jwt.io was caught sending pasted tokens to analytics, jsonwebtoken.github.io#462).
import { describe, expect, it } from 'vitest';
import { CAUSE_CATALOG } from './index.ts';

describe('advice never sends a token elsewhere', () => {
  it('no cause title, summary or fix points to an online decoder', () => {
    const text = JSON.stringify(CAUSE_CATALOG);
    expect(text).not.toMatch(/jwt\.io|jwt\.ms|token\.dev|jsonwebtoken\.github\.io/i);
  });
});
