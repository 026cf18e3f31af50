// @fastify/jwt's refusal bodies (fastify/fastify-jwt jwt.js, fast-jwt's messages), as a real fastify server
// sends them in its 401 to the upgrade (see src/node/cli/probe-real-servers.test.ts).
import { describe, expect, it } from 'vitest';
import { interpretCloseReason } from './dialects.ts';

describe('@fastify/jwt words', () => {
  it('"The token signature is invalid." → secret-mismatch', () => {
    const body =
      '{"statusCode":401,"code":"FST_JWT_AUTHORIZATION_TOKEN_INVALID","error":"Unauthorized","message":"Authorization token is invalid: The token signature is invalid."}';
    expect(interpretCloseReason(undefined, body)).toMatchObject({
      dialect: 'fastify-jwt',
      cause: 'secret-mismatch',
    });
  });

  it('"No Authorization was found in request.headers" → token-missing, saying it reads the header only', () => {
    const body =
      '{"statusCode":401,"code":"FST_JWT_NO_AUTHORIZATION_IN_HEADER","error":"Unauthorized","message":"No Authorization was found in request.headers"}';
    const interp = interpretCloseReason(undefined, body);
    expect(interp).toMatchObject({ dialect: 'fastify-jwt', cause: 'token-missing' });
    expect(interp?.detail).toContain('it reads the Authorization: Bearer header');
  });

  it('a malformed token is not called a secret mismatch', () => {
    const body = '{"message":"Authorization token is invalid: The token is malformed."}';
    expect(interpretCloseReason(undefined, body)?.cause).not.toBe('secret-mismatch');
  });
});
