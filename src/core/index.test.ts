import { describe, expect, it } from 'vitest';
import * as core from './index.ts';

describe('public entry', () => {
  it.each([
    'analyzeToken',
    'cleanTokenInput',
    'decodeBase64url',
    'encodeBase64url',
    'decodeBase64',
    'encodeBase64',
    'formatRelative',
    'formatDuration',
    'formatWallClock',
    'decodeSecret',
    'parseEnvSecret',
    'describeSecretProblems',
    'webCryptoAvailability',
    'verifyToken',
    'defaultPayload',
    'mintToken',
    'parsePayloadJson',
    'triageSecret',
    'buildConnectionUrl',
    'redactUrlToken',
    'redactToken',
    'closeCodeInfo',
    'isErrorClose',
    'hexPreview',
    'formatBytes',
  ])('exports %s', (name) => {
    expect(typeof (core as Record<string, unknown>)[name]).toBe('function');
  });

  it('exports the guide’s required claims and the cause ids', () => {
    expect(core.DEFAULT_REQUIRED_CLAIMS).toEqual(['userId', 'role', 'iat', 'exp']);
    expect(core.CAUSE_IDS).toContain('secret-mismatch');
  });
});
