import { describe, expect, it } from 'vitest';
import { closeCodeMeanings } from '../close-codes/index.ts';
import { interpretCloseReason, interpretServerMessage, REASON_RULES } from './dialects.ts';
import { CAUSE_IDS } from './types.ts';
import type { CauseId } from './types.ts';

type Row = [code: number | undefined, reason: string, dialect: string, cause: CauseId];

// Each reason is quoted as the library sends it; the comment names the file it comes from.
const CLOSE_REASONS: Row[] = [
  // auth0/node-jsonwebtoken verify.js (JsonWebTokenError / TokenExpiredError / NotBeforeError messages)
  [1008, 'invalid signature', 'jsonwebtoken', 'secret-mismatch'],
  [1008, 'jwt expired', 'jsonwebtoken', 'token-expired'],
  [1008, 'jwt malformed', 'jsonwebtoken', 'token-malformed'],
  [1008, 'jwt must be provided', 'jsonwebtoken', 'token-missing'],
  [1008, 'jwt must be a string', 'jsonwebtoken', 'token-missing'],
  [1008, 'jwt signature is required', 'jsonwebtoken', 'algorithm-mismatch'],
  [1008, 'invalid token', 'jsonwebtoken', 'auth-rejected'],
  [1008, 'invalid algorithm', 'jsonwebtoken', 'algorithm-mismatch'],
  [1008, 'jwt not active', 'jsonwebtoken', 'token-not-yet-valid'],
  [1008, 'jwt audience invalid. expected: urn:foo', 'jsonwebtoken', 'token-claims-rejected'],
  [1008, 'jwt issuer invalid. expected: urn:issuer', 'jsonwebtoken', 'token-claims-rejected'],
  [1008, 'jwt jwtid invalid. expected: jwtid', 'jsonwebtoken', 'token-claims-rejected'],
  [1008, 'jwt subject invalid. expected: subject', 'jsonwebtoken', 'token-claims-rejected'],
  [1008, 'secret or public key must be provided', 'jsonwebtoken', 'secret-mismatch'],
  [1008, 'maxAge exceeded', 'jsonwebtoken', 'token-expired'],
  [1008, 'iat required when maxAge is specified', 'jsonwebtoken', 'missing-claims'],
  [1008, 'invalid exp value', 'jsonwebtoken', 'missing-claims'],
  [
    1008,
    'please specify "none" in "algorithms" to verify unsigned tokens',
    'jsonwebtoken',
    'algorithm-mismatch',
  ],
  [1008, 'secretOrPublicKey must be a symmetric key when using HS256', 'jsonwebtoken', 'algorithm-mismatch'],
  // error.toString() of the classes in auth0/node-jsonwebtoken lib/*.js, as servers often forward them
  [1008, 'JsonWebTokenError: invalid signature', 'jsonwebtoken', 'secret-mismatch'],
  [1008, 'TokenExpiredError: jwt expired', 'jsonwebtoken', 'token-expired'],
  [1008, 'NotBeforeError: jwt not active', 'jsonwebtoken', 'token-not-yet-valid'],
  [1008, 'JsonWebTokenError', 'jsonwebtoken', 'auth-rejected'],
  [1008, 'TokenExpiredError', 'jsonwebtoken', 'token-expired'],
  [1008, 'NotBeforeError', 'jsonwebtoken', 'token-not-yet-valid'],

  // panva/jose src/lib/jwt_claims_set.ts and src/util/errors.ts (codes and messages)
  [1008, '"exp" claim timestamp check failed', 'jose', 'token-expired'],
  [1008, 'ERR_JWT_EXPIRED', 'jose', 'token-expired'],
  [1008, '"nbf" claim timestamp check failed', 'jose', 'token-not-yet-valid'],
  [1008, 'missing required "userId" claim', 'jose', 'missing-claims'],
  [1008, 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'jose', 'missing-claims'],
  [1008, 'signature verification failed', 'jose', 'secret-mismatch'],
  [1008, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'jose', 'secret-mismatch'],
  // panva/jose src/jws/compact/verify.ts, src/util/decode_jwt.ts
  [1008, 'Invalid Compact JWS', 'jose', 'token-malformed'],
  [1008, 'ERR_JWS_INVALID', 'jose', 'token-malformed'],
  [1008, 'JWTs must use Compact JWS serialization, JWT must be a string', 'jose', 'token-malformed'],
  [1008, 'ERR_JWT_INVALID', 'jose', 'token-malformed'],
  // panva/jose src/jws/flattened/verify.ts
  [1008, '"alg" (Algorithm) Header Parameter value not allowed', 'jose', 'algorithm-mismatch'],
  [1008, 'ERR_JOSE_ALG_NOT_ALLOWED', 'jose', 'algorithm-mismatch'],
  // panva/jose src/util/errors.ts (JWKSNoMatchingKey default message)
  [1008, 'ERR_JWKS_NO_MATCHING_KEY', 'jose', 'secret-mismatch'],
  [1008, 'no applicable key found in the JSON Web Key Set', 'jose', 'secret-mismatch'],

  // the guide's websocketService.js / wsjwt src/node/server/verify-token.ts
  [1008, 'No token provided', 'guide-server', 'token-missing'],
  [1008, 'Missing required claims: role, exp', 'guide-server', 'missing-claims'],
  [1008, 'Authentication failed', 'guide-server', 'auth-rejected'],
  [1008, 'Invalid token', 'jsonwebtoken', 'auth-rejected'],
  [1008, 'jwt iat invalid', 'guide-server', 'missing-claims'],

  // enisdenjo/graphql-ws src/server.ts (socket.close(CloseCode.X, reason)) and src/client.ts
  [4400, 'Invalid message received', 'graphql-ws', 'protocol-error'],
  [4401, 'Unauthorized', 'hocuspocus', 'auth-rejected'],
  [4403, 'Forbidden', 'graphql-ws', 'auth-rejected'],
  [4406, 'Subprotocol not acceptable', 'graphql-ws', 'subprotocol-mismatch'],
  [4408, 'Connection initialisation timeout', 'graphql-ws', 'protocol-error'],
  [4409, 'Subscriber for 1 already exists', 'graphql-ws', 'protocol-error'],
  [4429, 'Too many initialisation requests', 'graphql-ws', 'protocol-error'],
  [4500, 'Internal server error', 'graphql-ws', 'server-error'],
  [4499, 'Terminated', 'graphql-ws', 'connection-dropped'],
  // graphql-ws outside production forwards the thrown message as the 4500 reason
  [4500, 'jwt expired', 'jsonwebtoken', 'token-expired'],

  // ueberdosis/hocuspocus packages/common/src/CloseEvents.ts
  [4408, 'Connection Timeout', 'hocuspocus', 'connection-dropped'],
  [4205, 'Reset Connection', 'hocuspocus', 'connection-dropped'],

  // Centrifugo disconnect codes (centrifugal/centrifuge disconnect.go; docs/server/codes.md)
  [3500, 'invalid token', 'centrifugo', 'auth-rejected'],
  [3501, 'bad request', 'centrifugo', 'protocol-error'],
  [3502, 'stale', 'centrifugo', 'protocol-error'],
  [3503, 'force disconnect', 'centrifugo', 'auth-rejected'],
  [3504, 'connection limit', 'centrifugo', 'auth-rejected'],
  [3507, 'permission denied', 'centrifugo', 'auth-rejected'],
  [3509, 'too many errors', 'centrifugo', 'protocol-error'],
  [3001, 'shutdown', 'centrifugo', 'server-error'],
  [3004, 'internal server error', 'centrifugo', 'server-error'],
  [3005, 'connection expired', 'centrifugo', 'token-expired'],
  [3006, 'subscription expired', 'centrifugo', 'token-expired'],
  [3012, 'no pong', 'centrifugo', 'connection-dropped'],

  // hasura/graphql-engine server/src-lib/Hasura/Server/Auth/JWT.hs ("Could not verify JWT: " <> show JWTError)
  [4400, 'Could not verify JWT: JWTExpired', 'hasura', 'token-expired'],
  [4400, 'Could not verify JWT: JWSError JWSInvalidSignature', 'hasura', 'secret-mismatch'],
  [4400, 'Could not verify JWT: JWTIssuedAtFuture', 'hasura', 'token-not-yet-valid'],
  [4400, 'Could not verify JWT: JWTNotInIssuer', 'hasura', 'token-claims-rejected'],
  [4400, 'Malformed Authorization header', 'hasura', 'token-malformed'],
  // hasura/graphql-engine server/src-lib/Hasura/Server/Auth/WebHook.hs, Auth.hs
  [4400, 'Authentication hook unauthorized this request', 'hasura', 'auth-rejected'],
  [4400, 'invalid x-hasura-admin-secret/x-hasura-access-key', 'hasura', 'auth-rejected'],

  // apollographql/subscriptions-transport-ws src/server.ts
  [1011, 'Prohibited connection!', 'subscriptions-transport-ws', 'auth-rejected'],

  // RFC 6455 / IANA codes with no recognisable reason
  [1008, '', 'rfc6455', 'auth-rejected'],
  [1009, 'Message too big', 'rfc6455', 'message-too-big'],
  [1011, 'Internal server error', 'rfc6455', 'server-error'],
  [1012, '', 'rfc6455', 'server-error'],
  [1013, '', 'rfc6455', 'server-error'],
  [1014, '', 'rfc6455', 'server-error'],
  [1002, 'Protocol error', 'rfc6455', 'protocol-error'],
  [1003, '', 'rfc6455', 'protocol-error'],
  [1007, '', 'rfc6455', 'protocol-error'],
  [1006, '', 'rfc6455', 'connection-dropped'],

  // common wording of hand-written servers
  [1008, 'Token has expired', 'generic', 'token-expired'],
  [4001, 'Unauthorized: invalid credentials', 'generic', 'auth-rejected'],
  [1008, 'Authentication required', 'generic', 'auth-rejected'],
  [4000, 'token missing', 'generic', 'token-missing'],
];

describe('interpretCloseReason', () => {
  it.each(CLOSE_REASONS)('%s %j → %s / %s', (code, reason, dialect, cause) => {
    const got = interpretCloseReason(code, reason);
    expect(got).not.toBeNull();
    expect({ dialect: got?.dialect, cause: got?.cause }).toEqual({ dialect, cause });
    expect(got?.quoted).toBe(reason);
    expect(got?.detail.length).toBeGreaterThan(10);
    expect(got?.source.length).toBeGreaterThan(3);
  });

  it('is case-insensitive and tolerant of extra words and JSON wrapping', () => {
    expect(interpretCloseReason(1008, 'Unauthorized: JWT EXPIRED')?.cause).toBe('token-expired');
    expect(interpretCloseReason(1008, '  "invalid signature"  ')?.cause).toBe('secret-mismatch');
    expect(interpretCloseReason(1008, '{"error":"jwt malformed"}')?.cause).toBe('token-malformed');
    expect(
      interpretCloseReason(undefined, '{"message":"Missing required claims: role, exp"}')?.claims,
    ).toEqual(['role', 'exp']);
  });

  it('names the claims the server listed', () => {
    expect(interpretCloseReason(1008, 'Missing required claims: role, exp')?.claims).toEqual(['role', 'exp']);
    expect(interpretCloseReason(1008, 'missing required "userId" claim')?.claims).toEqual(['userId']);
    expect(interpretCloseReason(1008, 'jwt audience invalid. expected: urn:foo')?.detail).toContain(
      'urn:foo',
    );
  });

  it('4401 Unauthorized is recognised as both Hocuspocus and graphql-ws wording', () => {
    const got = interpretCloseReason(4401, 'Unauthorized');
    expect(got?.source).toMatch(/hocuspocus/);
    expect(got?.source).toMatch(/graphql-ws/);
    expect(got?.confidence).toBe('medium');
  });

  it('the same words mean different things with different codes', () => {
    expect(interpretCloseReason(3500, 'invalid token')?.dialect).toBe('centrifugo');
    expect(interpretCloseReason(1008, 'invalid token')?.dialect).toBe('jsonwebtoken');
    expect(interpretCloseReason(4408, 'Connection initialisation timeout')?.dialect).toBe('graphql-ws');
    expect(interpretCloseReason(4408, 'Connection Timeout')?.dialect).toBe('hocuspocus');
  });

  it('a transport code keeps its meaning over vague words, but not over a library message', () => {
    expect(interpretCloseReason(1011, 'unexpected exception')?.cause).toBe('server-error');
    expect(interpretCloseReason(1011, 'jwt expired')?.cause).toBe('token-expired');
    expect(interpretCloseReason(1009, 'token too large')?.cause).toBe('message-too-big');
  });

  it('returns null for normal closes and unknown words', () => {
    expect(interpretCloseReason(1000, '')).toBeNull();
    expect(interpretCloseReason(1000, 'bye')).toBeNull();
    expect(interpretCloseReason(1001, 'going away')).toBeNull();
    expect(interpretCloseReason(1005, '')).toBeNull();
    expect(interpretCloseReason(4999, 'custom')).toBeNull();
    expect(interpretCloseReason(undefined, '')).toBeNull();
    expect(interpretCloseReason(undefined, 'hello world')).toBeNull();
  });

  it('words only (an HTTP body, no code)', () => {
    expect(
      interpretCloseReason(undefined, '{"error":"invalid_token","error_description":"The token expired"}')
        ?.cause,
    ).toBe('token-expired');
    expect(interpretCloseReason(undefined, 'Unauthorized')?.cause).toBe('auth-rejected');
  });
});

type MessageRow = [data: string, dialect: string, cause: CauseId];

const MESSAGES: MessageRow[] = [
  // socket.io connect_error packets (socketio/socket.io-parser: engine.io "4" + socket.io CONNECT_ERROR "4")
  ['44{"message":"invalid signature"}', 'socket.io', 'secret-mismatch'],
  ['44/admin,{"message":"jwt expired"}', 'socket.io', 'token-expired'],
  // auth0-community/socketio-jwt lib/index.js: UnauthorizedError with data {message, code, type}
  [
    '44{"message":"jwt malformed","data":{"message":"jwt malformed","code":"invalid_token","type":"UnauthorizedError"}}',
    'socket.io',
    'token-malformed',
  ],
  [
    '44{"message":"No Authorization header was found","data":{"code":"credentials_required","type":"UnauthorizedError"}}',
    'socket.io',
    'token-missing',
  ],
  // socket.io docs, Middlewares: next(new Error("not authorized")); v2 error packet carries a JSON string
  ['44{"message":"not authorized","data":{"content":"Please retry later"}}', 'socket.io', 'auth-rejected'],
  ['44"Authentication error"', 'socket.io', 'auth-rejected'],
  ['44{"message":"something custom"}', 'socket.io', 'auth-rejected'],
  // rails/rails actioncable/app/javascript/action_cable/internal.js (disconnect_reasons, message_types)
  ['{"type":"disconnect","reason":"unauthorized","reconnect":false}', 'actioncable', 'auth-rejected'],
  ['{"type":"disconnect","reason":"invalid_request","reconnect":true}', 'actioncable', 'handshake-rejected'],
  ['{"type":"disconnect","reason":"server_restart","reconnect":true}', 'actioncable', 'server-error'],
  ['{"type":"disconnect","reason":"remote","reconnect":false}', 'actioncable', 'auth-rejected'],
  [
    '{"identifier":"{\\"channel\\":\\"ChatChannel\\"}","type":"reject_subscription"}',
    'actioncable',
    'auth-rejected',
  ],
  // apollographql/subscriptions-transport-ws src/server.ts (GQL_CONNECTION_ERROR with {message: error.message})
  [
    '{"type":"connection_error","payload":{"message":"Prohibited connection!"}}',
    'subscriptions-transport-ws',
    'auth-rejected',
  ],
  [
    '{"type":"connection_error","payload":{"message":"jwt expired"}}',
    'subscriptions-transport-ws',
    'token-expired',
  ],
  // hasura/graphql-engine: connection_error with a text payload
  ['{"type":"connection_error","payload":"Could not verify JWT: JWTExpired"}', 'hasura', 'token-expired'],
  [
    '{"type":"connection_error","payload":"Could not verify JWT: JWSError JWSInvalidSignature"}',
    'hasura',
    'secret-mismatch',
  ],
  [
    '{"type":"connection_error","payload":"Authentication hook unauthorized this request"}',
    'hasura',
    'auth-rejected',
  ],
  // enisdenjo/graphql-ws ErrorMessage with an auth error from onSubscribe/context
  ['{"id":"1","type":"error","payload":[{"message":"Unauthorized"}]}', 'graphql-ws', 'auth-rejected'],
  // Centrifugo reply error (client error code 109 "token expired") and disconnect push
  ['{"id":1,"error":{"code":109,"message":"token expired"}}', 'centrifugo', 'token-expired'],
  ['{"id":1,"error":{"code":101,"message":"unauthorized"}}', 'centrifugo', 'auth-rejected'],
  ['{"disconnect":{"code":3500,"reason":"invalid token"}}', 'centrifugo', 'auth-rejected'],
  // an application's own error object
  ['{"type":"error","message":"jwt expired"}', 'jsonwebtoken', 'token-expired'],
];

describe('interpretServerMessage', () => {
  it.each(MESSAGES)('%s → %s / %s', (data, dialect, cause) => {
    const got = interpretServerMessage(data);
    expect(got).not.toBeNull();
    expect({ dialect: got?.dialect, cause: got?.cause }).toEqual({ dialect, cause });
    expect(got?.quoted).toBe(data);
  });

  it.each([
    '{"type":"welcome","userId":"123","role":"principal","exp":1795753357}',
    '{"type":"connection_ack"}',
    '{"type":"ping"}',
    '{"identifier":"x","type":"confirm_subscription"}',
    '{"id":"1","type":"next","payload":{"data":{"x":1}}}',
    '{"id":"1","type":"error","payload":[{"message":"Cannot query field \\"x\\" on type \\"Query\\"."}]}',
    '40{"sid":"abc"}',
    '44 bottles of beer',
    'hello',
    'token expired maybe',
    '',
    '[1,2,3]',
  ])('ordinary message %j → null', (data) => {
    expect(interpretServerMessage(data)).toBeNull();
  });

  it('a plain-text library message counts (an echo of ordinary words does not)', () => {
    expect(interpretServerMessage('jwt expired')?.cause).toBe('token-expired');
  });
});

describe('tables', () => {
  it('every rule maps to a known cause id', () => {
    for (const rule of REASON_RULES) expect(CAUSE_IDS).toContain(rule.cause);
    for (let code = 1000; code < 5000; code++)
      for (const m of closeCodeMeanings(code)) expect(CAUSE_IDS).toContain(m.cause);
  });

  it('every rule names its source', () => {
    for (const rule of REASON_RULES) expect(rule.source).not.toBe('');
  });
});
