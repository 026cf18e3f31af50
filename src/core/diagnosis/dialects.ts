// What servers say when they refuse a JWT, library by library. Each row quotes a string the library really
// sends (close reasons, error messages that servers forward as close reasons, message payloads) and names
// the file it comes from, so a reader can check it. Matching is case-insensitive and by substring unless a
// row anchors it; rows are ordered most specific first and the first match wins.
import { quote, truncate } from './format.ts';
import { TOKEN_CAUSES } from './types.ts';
import type { CauseId, Confidence, ReasonInterpretation } from './types.ts';

interface ReasonRule {
  dialect: string;
  /** Where the string comes from, e.g. 'auth0/node-jsonwebtoken verify.js'. */
  source: string;
  pattern: RegExp;
  /** Only with one of these close codes (any code, or none, when absent). */
  codes?: readonly number[];
  cause: CauseId;
  confidence: Confidence;
  detail: string | ((m: RegExpExecArray) => string);
  claims?: (m: RegExpExecArray) => string[];
}

interface CodeRule {
  dialect: string;
  source: string;
  name: string;
  cause: CauseId;
  confidence: Confidence;
  detail: string;
}

const JWT = 'auth0/node-jsonwebtoken verify.js';
const JOSE_CLAIMS = 'panva/jose src/lib/jwt_claims_set.ts';
const JOSE_ERRORS = 'panva/jose src/util/errors.ts';
const GQLWS = 'enisdenjo/graphql-ws src/server.ts';
const HOCUS = 'ueberdosis/hocuspocus packages/common/src/CloseEvents.ts';
const CENTRIFUGE = 'centrifugal/centrifuge disconnect.go (Centrifugo docs: Error and disconnect codes)';
const HASURA_JWT = 'hasura/graphql-engine server/src-lib/Hasura/Server/Auth/JWT.hs';
const FASTIFY_JWT = 'fastify/fastify-jwt jwt.js (messages); nearform/fast-jwt src/error.js';
const GUIDE = "the guide's websocketService.js / wsjwt src/node/server/verify-token.ts";

function splitClaims(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((c) => c.replace(/^["'`]|["'`.]$/g, ''))
    .filter((c) => c !== '' && c !== 'and');
}

const group = (m: RegExpExecArray, i: number): string => m[i] ?? '';

/**
 * Library strings, most specific first. A row with `codes` only matches with one of those close codes.
 * Exported for documentation and tests; use interpretCloseReason / interpretServerMessage to match.
 */
export const REASON_RULES: readonly ReasonRule[] = [
  // ---- @fastify/jwt (fast-jwt's TokenError messages after "Authorization token is invalid: ") ------------
  {
    dialect: 'fastify-jwt',
    source: FASTIFY_JWT,
    pattern: /the token signature is invalid/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: '@fastify/jwt: the signature does not verify with the secret registered with the plugin.',
  },
  {
    dialect: 'fastify-jwt',
    source: FASTIFY_JWT,
    pattern: /no authorization was found in request\.headers|fst_jwt_no_authorization_in_header/i,
    cause: 'token-missing',
    confidence: 'high',
    detail:
      '@fastify/jwt reads the token from the Authorization header only (its default): a token in the query string, a cookie or a message is not looked at.',
  },
  // ---- Hasura GraphQL Engine: "Could not verify JWT: " <> show JWTError (Haskell jose's constructors) ----
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*jwtexpired/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: 'Hasura checked exp and the token has expired (JWTExpired).',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*(jwtnotyetvalid|jwtissuedatfuture)/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: (m) =>
      `Hasura says the token is not valid yet (${group(m, 1)}): nbf or iat is in the future by its clock.`,
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*(jwtnotinissuer|jwtnotinaudience)/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) =>
      `Hasura rejected the token's ${/issuer/i.test(group(m, 1)) ? 'iss (issuer)' : 'aud (audience)'} claim (${group(m, 1)}).`,
    claims: (m) => [/issuer/i.test(group(m, 1)) ? 'iss' : 'aud'],
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*jwserror\s*\(?\s*(jwsinvalidsignature|jwsnovalidsignatures)/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail:
      'Hasura could not verify the signature with HASURA_GRAPHQL_JWT_SECRET: the token was signed with another key.',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*jwserror\s*\(?\s*(algorithmmismatch|algorithmnotimplemented)/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "The token's alg is not the type configured in HASURA_GRAPHQL_JWT_SECRET.",
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern:
      /could not verify jwt:\s*(jwserror\s*\(?\s*(compactdecodeerror|jsondecodeerror)|jwtclaimssetdecodeerror)/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'Hasura could not decode the token: it is not a well-formed compact JWT.',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Hasura could not verify the JWT.',
  },
  {
    dialect: 'hasura',
    source: 'hasura/graphql-engine server/src-lib/Hasura/Server/Auth/WebHook.hs',
    pattern: /authentication hook unauthorized this request/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: "Hasura's auth webhook answered 401 for this request.",
  },
  {
    dialect: 'hasura',
    source: 'hasura/graphql-engine server/src-lib/Hasura/Server/Auth.hs',
    pattern: /invalid x-hasura-admin-secret|invalid x-hasura-access-key/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: 'Hasura rejected the x-hasura-admin-secret sent with the request.',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /missing authorization header in jwt authentication mode/i,
    cause: 'token-missing',
    confidence: 'high',
    detail:
      'Hasura runs in JWT mode and received no Authorization header (on a socket: none in connection_init payload.headers).',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /malformed authorization header/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'Hasura expects the header as "Authorization: Bearer <jwt>".',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /claims key: '([^']*)' not found|claims not found at claims_namespace_path/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `The token lacks Hasura's claims object${group(m, 1) !== '' ? ` "${group(m, 1)}"` : ''}.`,
    claims: (m) => (group(m, 1) !== '' ? [group(m, 1)] : []),
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern:
      /(should contain|missing|does not contain)[^.]*\b(x-hasura-(?:role|allowed-roles|default-role))/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `The token's Hasura claims lack ${group(m, 2)}.`,
    claims: (m) => [group(m, 2)],
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /your current role is not in allowed roles/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: "The x-hasura-role asked for is not in the token's x-hasura-allowed-roles.",
  },

  // ---- jose's decode message first: it contains jsonwebtoken's "jwt must be a string" -------------------
  {
    dialect: 'jose',
    source: 'panva/jose src/util/decode_jwt.ts, src/jwt/verify.ts (ERR_JWT_INVALID)',
    pattern: /jwts must use compact jws serialization/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'jose: what the server received is not a compact JWS string — or no token reached it.',
  },

  // ---- jsonwebtoken (auth0/node-jsonwebtoken): the messages of JsonWebTokenError & co ------------------
  {
    dialect: 'jsonwebtoken',
    source: `${JWT} (TokenExpiredError)`,
    pattern: /maxage exceeded/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: "jsonwebtoken: the token's iat is older than the server's maxAge option allows.",
    claims: () => ['iat'],
  },
  {
    dialect: 'jsonwebtoken',
    source: `${JWT} (TokenExpiredError)`,
    pattern: /jwt expired|tokenexpirederror/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: 'jsonwebtoken: exp has passed by the server\'s clock (TokenExpiredError "jwt expired").',
    claims: () => ['exp'],
  },
  {
    dialect: 'jsonwebtoken',
    source: `${JWT} (NotBeforeError)`,
    pattern: /jwt not active|notbeforeerror/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: 'jsonwebtoken: nbf is in the future by the server\'s clock (NotBeforeError "jwt not active").',
    claims: () => ['nbf'],
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /secret or public key must be provided/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: 'jsonwebtoken was called without a secret: JWT_SECRET is not set or not loaded on the server.',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /invalid signature/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "jsonwebtoken: the signature does not verify with the server's JWT_SECRET.",
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt signature is required/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'jsonwebtoken: the token has no signature (alg "none", or the third part was cut off).',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /please specify "none" in "algorithms" to verify unsigned tokens/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'jsonwebtoken refuses an unsigned (alg "none") token.',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /secretorpublickey must be an? (a?symmetric) key when using (\w+)/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: (m) =>
      `jsonwebtoken: the server's key is not ${group(m, 1).toLowerCase() === 'symmetric' ? 'an HMAC secret' : 'a public key'}, which alg ${group(m, 2)} needs.`,
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /invalid algorithm/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "jsonwebtoken: the token's alg is not in the server's allowed algorithms.",
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt malformed/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'jsonwebtoken: the token the server received is not three dot-separated parts.',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt must be provided/i,
    cause: 'token-missing',
    confidence: 'high',
    detail: 'jsonwebtoken was given an empty token: none reached the server.',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt must be a string/i,
    cause: 'token-missing',
    confidence: 'medium',
    detail: 'jsonwebtoken was given something other than a string (no token, or the parameter was repeated).',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt (audience|issuer|subject|jwtid|id) invalid\.? ?(?:expected:?\s*(.*))?/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => {
      const which = group(m, 1).toLowerCase();
      const claim =
        which === 'audience' ? 'aud' : which === 'issuer' ? 'iss' : which === 'subject' ? 'sub' : 'jti';
      const expected = group(m, 2).trim();
      return `jsonwebtoken: the token's ${claim} is not what the server expects${expected !== '' ? ` (expected: ${expected})` : ''}.`;
    },
    claims: (m) => {
      const which = group(m, 1).toLowerCase();
      return [
        which === 'audience' ? 'aud' : which === 'issuer' ? 'iss' : which === 'subject' ? 'sub' : 'jti',
      ];
    },
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /iat required when maxage is specified/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: 'jsonwebtoken: the server checks maxAge and the token has no iat.',
    claims: () => ['iat'],
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /invalid (exp|nbf|iat) value/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `jsonwebtoken: ${group(m, 1)} is not a number of seconds.`,
    claims: (m) => [group(m, 1).toLowerCase()],
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /error in secret or public key callback/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: "jsonwebtoken: the server's key lookup failed (JWKS or kid lookup).",
  },
  {
    dialect: 'jsonwebtoken',
    source: 'auth0/node-jsonwebtoken lib/JsonWebTokenError.js',
    pattern: /jsonwebtokenerror/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'jsonwebtoken refused the token (JsonWebTokenError) without a more specific message.',
  },

  // ---- jose (panva/jose v4-v6): error codes and messages -------------------------------------------------
  {
    dialect: 'jose',
    source: JOSE_CLAIMS,
    pattern: /"iat" claim timestamp check failed \(too far in the past\)/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: "jose: iat is older than the server's maxTokenAge (JWTExpired).",
    claims: () => ['iat'],
  },
  {
    dialect: 'jose',
    source: JOSE_CLAIMS,
    pattern: /"iat" claim timestamp check failed \(it should be in the past\)/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "jose: iat is in the future by the server's clock.",
    claims: () => ['iat'],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_EXPIRED)`,
    pattern: /err_jwt_expired|"exp" claim timestamp check failed/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: "jose: exp has passed by the server's clock (ERR_JWT_EXPIRED).",
    claims: () => ['exp'],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /"nbf" claim timestamp check failed/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "jose: nbf is in the future by the server's clock.",
    claims: () => ['nbf'],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /missing required "([^"]+)" claim/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `jose: the payload has no "${group(m, 1)}" claim and the server requires it.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /"([^"]+)" claim must be a number/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `jose: "${group(m, 1)}" must be a number of seconds.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /unexpected "([^"]+)" claim value/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `jose: the token's "${group(m, 1)}" is not the value the server expects.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'jose',
    source: JOSE_CLAIMS,
    pattern: /unexpected "typ" jwt header value/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: "jose: the header's typ is not the one the server requires.",
  },
  {
    dialect: 'jose',
    source: `${JOSE_ERRORS} (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)`,
    pattern: /err_jws_signature_verification_failed|signature verification failed/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "jose: the signature does not verify with the server's key.",
  },
  {
    dialect: 'jose',
    source: 'panva/jose src/jws/flattened/verify.ts (ERR_JOSE_ALG_NOT_ALLOWED)',
    pattern: /err_jose_alg_not_allowed|"alg" \(algorithm\) header parameter value not allowed/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "jose: the token's alg is not in the server's algorithms list.",
  },
  {
    dialect: 'jose',
    source: 'panva/jose src/jws/flattened/verify.ts (ERR_JWS_INVALID)',
    pattern: /jws "alg" \(algorithm\) header parameter missing or invalid/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'jose: the header has no usable alg.',
  },
  {
    dialect: 'jose',
    source: `${JOSE_ERRORS} (ERR_JWKS_NO_MATCHING_KEY)`,
    pattern: /err_jwks_no_matching_key|no applicable key found in the json web key set/i,
    cause: 'secret-mismatch',
    confidence: 'medium',
    detail:
      "jose: no key in the server's JWKS matches the token's kid/alg: it was signed with a key the server does not know (or an HMAC token reached an RS256/ES256 server).",
  },
  {
    dialect: 'jose',
    source: `${JOSE_ERRORS} (ERR_JOSE_NOT_SUPPORTED)`,
    pattern: /err_jose_not_supported/i,
    cause: 'algorithm-mismatch',
    confidence: 'medium',
    detail: "jose: the token's alg or key type is not supported by the server.",
  },
  {
    dialect: 'jose',
    source: 'panva/jose src/jws/compact/verify.ts, src/util/decode_jwt.ts (ERR_JWS_INVALID, ERR_JWT_INVALID)',
    pattern:
      /err_jws_invalid|err_jwt_invalid|invalid compact jws|compact jws must be a string|invalid jwt claims set|jwts must contain a payload|failed to (base64url decode|parse the decoded) the payload/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'jose: the token is not a compact JWS (three base64url parts) — or no token reached the server.',
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /err_jwt_claim_validation_failed/i,
    cause: 'missing-claims',
    confidence: 'medium',
    detail: 'jose: a claim check failed (a required claim is missing or has the wrong value).',
  },

  // ---- graphql-ws (enisdenjo/graphql-ws): close code + reason pairs -----------------------------------
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4400],
    pattern: /^invalid message received/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      'graphql-ws (4400 Bad Request): the server could not parse a message as the graphql-transport-ws protocol.',
  },
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4406],
    pattern: /subprotocol not acceptable/i,
    cause: 'subprotocol-mismatch',
    confidence: 'high',
    detail: 'graphql-ws (4406): the socket was not opened with the "graphql-transport-ws" subprotocol.',
  },
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4408],
    pattern: /connection initialisation timeout/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      'graphql-ws (4408): no {"type":"connection_init"} message arrived in time after open (default 3 s).',
  },
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4409],
    pattern: /subscriber for .* already exists/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'graphql-ws (4409): a subscribe message reused an id that is still active.',
  },
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4429],
    pattern: /too many initialisation requests/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'graphql-ws (4429): connection_init was sent more than once.',
  },
  {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/use/ws.ts (CloseCode.InternalServerError)',
    codes: [4500],
    pattern: /internal server error/i,
    cause: 'server-error',
    confidence: 'high',
    detail: 'graphql-ws (4500): the server threw while handling the connection.',
  },
  {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/client.ts (TerminatedCloseEvent)',
    codes: [4499],
    pattern: /^terminated$/i,
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'graphql-ws client (4499): the client terminated the socket itself, e.g. on a failed keep-alive.',
  },
  {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts (CloseCode.ConnectionAcknowledgementTimeout)',
    codes: [4504],
    pattern: /connection acknowledgement timeout/i,
    cause: 'handshake-timeout',
    confidence: 'medium',
    detail:
      'graphql-ws client (4504): the server never acknowledged connection_init (its onConnect auth hung).',
  },
  {
    // graphql-ws: "Unauthorized" = subscribe before connection_ack; Hocuspocus: onAuthenticate failed.
    dialect: 'hocuspocus',
    source: `${HOCUS}; ${GQLWS}`,
    codes: [4401],
    pattern: /^unauthori[sz]ed$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      '4401 "Unauthorized": Hocuspocus closes with it when onAuthenticate rejects the token; graphql-ws when a subscribe arrives before the connection was acknowledged (auth in onConnect did not pass).',
  },
  {
    dialect: 'graphql-ws',
    source: `${GQLWS}; ${HOCUS}`,
    codes: [4403],
    pattern: /^forbidden$/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail:
      '4403 "Forbidden": graphql-ws closes with it when onConnect returns false (auth refused); Hocuspocus uses it for a refused connection.',
  },
  {
    dialect: 'hocuspocus',
    source: HOCUS,
    codes: [4408],
    pattern: /^connection timeout$/i,
    cause: 'connection-dropped',
    confidence: 'medium',
    detail:
      'Hocuspocus (4408 ConnectionTimeout): the server stopped waiting for the client (no pong within its timeout).',
  },
  {
    dialect: 'hocuspocus',
    source: HOCUS,
    codes: [4205],
    pattern: /^reset connection$/i,
    cause: 'connection-dropped',
    confidence: 'low',
    detail: 'Hocuspocus (4205 ResetConnection): the server asked the client to reset and reconnect.',
  },

  // ---- Centrifugo / centrifuge: disconnect codes with their reasons ---------------------------------------
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3500],
    pattern: /^invalid token$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      'Centrifugo (3500 DisconnectInvalidToken): the connection token did not verify — malformed, wrong secret (token_hmac_secret_key) or wrong claims.',
  },
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3005],
    pattern: /connection expired/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: 'Centrifugo (3005 DisconnectExpired): the connection token expired and was not refreshed.',
    claims: () => ['exp'],
  },
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3006],
    pattern: /subscription expired/i,
    cause: 'token-expired',
    confidence: 'medium',
    detail: 'Centrifugo (3006 DisconnectSubExpired): a subscription token expired and was not refreshed.',
  },
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3507],
    pattern: /permission denied/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: 'Centrifugo (3507 DisconnectPermissionDenied): the connection lacks the permission it asked for.',
  },
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3502],
    pattern: /^stale$/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      'Centrifugo (3502 DisconnectStale): no connect command (with the token) arrived in time after open.',
  },

  // ---- the guide's server and the wsjwt reference server (close 1008 with these reasons) --------------------
  {
    dialect: 'guide-server',
    source: GUIDE,
    pattern: /no token provided/i,
    cause: 'token-missing',
    confidence: 'high',
    detail: 'The server found no token in the query string (it reads ?token=).',
  },
  {
    dialect: 'guide-server',
    source: GUIDE,
    pattern: /missing required (?:claims|fields)\s*:?\s*(.*)$/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => {
      const claims = splitClaims(group(m, 1));
      return claims.length > 0
        ? `The server requires claims the token lacks: ${claims.join(', ')}.`
        : 'The server requires claims the token lacks.';
    },
    claims: (m) => splitClaims(group(m, 1)),
  },
  {
    dialect: 'guide-server',
    source: GUIDE,
    pattern: /^jwt (\w+) invalid$/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `The server's check of the ${group(m, 1)} claim failed.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'guide-server',
    source: GUIDE,
    pattern: /^authentication failed\b/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'The server refused the token without saying why (check its log).',
  },
  {
    // jsonwebtoken says "invalid token" when the token cannot be decoded; servers also use "Invalid token" as a
    // catch-all for every verify() failure, so on its own it proves little.
    dialect: 'jsonwebtoken',
    source: `${JWT}; ${GUIDE}`,
    pattern: /^(jsonwebtokenerror:\s*)?invalid token$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      'jsonwebtoken says "invalid token" when the token cannot be decoded; many servers also send "Invalid token" for every verification failure.',
  },

  // ---- socket.io middlewares (messages forwarded as connect_error) ---------------------------------------
  {
    dialect: 'socket.io',
    source: 'auth0-community/socketio-jwt lib/index.js (UnauthorizedError credentials_required)',
    pattern: /no authorization header was found/i,
    cause: 'token-missing',
    confidence: 'high',
    detail: 'socketio-jwt found no token (credentials_required).',
  },
  {
    dialect: 'socket.io',
    source: 'auth0-community/socketio-jwt lib/index.js (UnauthorizedError credentials_bad_format)',
    pattern: /format is authorization: bearer \[token\]/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'socketio-jwt expects "Authorization: Bearer <token>" (credentials_bad_format).',
  },
  {
    dialect: 'subscriptions-transport-ws',
    source: 'apollographql/subscriptions-transport-ws src/server.ts',
    pattern: /prohibited connection!?/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: "subscriptions-transport-ws: the server's onConnect returned false (auth refused).",
  },
];

/** Words socket.io middlewares use in connect_error; only tried inside a socket.io packet. */
const SOCKET_IO_RULES: readonly ReasonRule[] = [
  {
    dialect: 'socket.io',
    source: 'socket.io docs, Middlewares: next(new Error("not authorized")); socketio-jwt UnauthorizedError',
    pattern: /^(authentication error|not authori[sz]ed|unauthori[sz]ed(error)?)$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'A socket.io middleware refused the connection.',
  },
];

/** Generic words, tried after the library rows (and after the meaning of a transport close code). */
const GENERIC_RULES: readonly ReasonRule[] = [
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /\b(not (yet )?valid yet|not yet valid|not active yet|used before|nbf)\b/i,
    cause: 'token-not-yet-valid',
    confidence: 'medium',
    detail: 'The server says the token is not valid yet (nbf/iat in the future by its clock).',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /\bexpired?\b|\bexpiry\b/i,
    cause: 'token-expired',
    confidence: 'medium',
    detail: 'The server says the token has expired.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /signature/i,
    cause: 'secret-mismatch',
    confidence: 'medium',
    detail: 'The server says the signature is wrong: it verifies with a different secret.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern:
      /\b(no|missing|without|empty) (auth(entication|orization)? )?(token|jwt)\b|\b(token|jwt) (is )?(required|missing)\b/i,
    cause: 'token-missing',
    confidence: 'medium',
    detail: 'The server says no token arrived.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /malformed|not a (valid )?jwt|could not (decode|parse)|cannot (decode|parse)/i,
    cause: 'token-malformed',
    confidence: 'medium',
    detail: 'The server could not read the token.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /\bmissing (required )?(claims?|fields?)\b|\bclaims? (missing|required)\b/i,
    cause: 'missing-claims',
    confidence: 'medium',
    detail: 'The server says required claims are missing.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /\balgorithm\b|\balg\b/i,
    cause: 'algorithm-mismatch',
    confidence: 'medium',
    detail: "The server does not accept the token's algorithm.",
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /sub-?protocol|sec-websocket-protocol/i,
    cause: 'subprotocol-mismatch',
    confidence: 'medium',
    detail: 'The server did not accept the offered subprotocol.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /too (big|large)|payload (too|exceeds)|max(imum)? (payload|message) size/i,
    cause: 'message-too-big',
    confidence: 'medium',
    detail: 'The server refused a message as too big.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern:
      /unauthori[sz]ed|forbidden|not authori[sz]ed|auth(entication|orization)? (failed|error|required|denied)|access denied|permission denied|invalid (credentials|auth\w*|jwt|access token|bearer|api key)|bad token|token (is )?invalid/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'The server refused authentication.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /internal (server )?error|server error|exception/i,
    cause: 'server-error',
    confidence: 'medium',
    detail: 'The server reports an internal failure.',
  },
];

/** What a bare close code means, per the library that defines it. */
export const CLOSE_CODE_RULES: Readonly<Record<number, CodeRule>> = {
  1002: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Protocol Error',
    cause: 'protocol-error',
    confidence: 'high',
    detail: '1002 Protocol Error: an endpoint received a frame that breaks the WebSocket protocol.',
  },
  1003: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Unsupported Data',
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      '1003 Unsupported Data: the server cannot accept this kind of data (e.g. binary where it expects text).',
  },
  1006: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Abnormal Closure',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail:
      '1006 Abnormal Closure: the connection ended without a close frame (set by the client, never sent).',
  },
  1007: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Invalid Frame Payload Data',
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      '1007 Invalid Payload Data: a text message was not valid UTF-8 or did not match the expected type.',
  },
  1008: {
    dialect: 'rfc6455',
    source: "RFC 6455 §7.4.1; the guide's server closes 1008 on auth failure",
    name: 'Policy Violation',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      "1008 Policy Violation: servers (the guide's among them) close with 1008 when authentication fails.",
  },
  1009: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Message Too Big',
    cause: 'message-too-big',
    confidence: 'high',
    detail: "1009 Message Too Big: a message exceeded the server's size limit.",
  },
  1010: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Mandatory Extension',
    cause: 'protocol-error',
    confidence: 'medium',
    detail: '1010 Mandatory Extension: the client required an extension the server did not negotiate.',
  },
  1011: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Internal Error',
    cause: 'server-error',
    confidence: 'high',
    detail: '1011 Internal Error: the server hit an unexpected condition.',
  },
  1012: {
    dialect: 'rfc6455',
    source: 'IANA WebSocket Close Code registry',
    name: 'Service Restart',
    cause: 'server-error',
    confidence: 'high',
    detail: '1012 Service Restart: the server is restarting.',
  },
  1013: {
    dialect: 'rfc6455',
    source: 'IANA WebSocket Close Code registry',
    name: 'Try Again Later',
    cause: 'server-error',
    confidence: 'high',
    detail: '1013 Try Again Later: the server is overloaded.',
  },
  1014: {
    dialect: 'rfc6455',
    source: 'IANA WebSocket Close Code registry',
    name: 'Bad Gateway',
    cause: 'server-error',
    confidence: 'high',
    detail: '1014 Bad Gateway: a gateway or proxy got an invalid answer from the server behind it.',
  },
  1015: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'TLS Handshake',
    cause: 'server-unreachable',
    confidence: 'medium',
    detail:
      '1015 TLS Handshake failure: wss:// to a server that speaks plain ws://, or a certificate the client does not trust.',
  },
  // graphql-ws CloseCode (src/common.ts)
  4400: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Bad Request',
    cause: 'protocol-error',
    confidence: 'medium',
    detail:
      'graphql-ws 4400 Bad Request: the server could not use a message (or Hasura refused the request).',
  },
  4401: {
    dialect: 'hocuspocus',
    source: `${HOCUS}; enisdenjo/graphql-ws src/common.ts`,
    name: 'Unauthorized',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: '4401 Unauthorized (Hocuspocus, graphql-ws and many apps): authentication was refused.',
  },
  4403: {
    dialect: 'graphql-ws',
    source: `enisdenjo/graphql-ws src/common.ts; ${HOCUS}`,
    name: 'Forbidden',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: '4403 Forbidden (graphql-ws, Hocuspocus and many apps): the server refused the connection.',
  },
  4406: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Subprotocol Not Acceptable',
    cause: 'subprotocol-mismatch',
    confidence: 'high',
    detail: 'graphql-ws 4406: open the socket with the "graphql-transport-ws" subprotocol.',
  },
  4408: {
    dialect: 'graphql-ws',
    source: `enisdenjo/graphql-ws src/common.ts; ${HOCUS}`,
    name: 'Connection Initialisation Timeout',
    cause: 'protocol-error',
    confidence: 'medium',
    detail:
      'graphql-ws 4408: no connection_init arrived in time (Hocuspocus uses 4408 for its connection timeout).',
  },
  4409: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Subscriber Already Exists',
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'graphql-ws 4409: a subscription id was reused.',
  },
  4429: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Too Many Initialisation Requests',
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'graphql-ws 4429: connection_init was sent twice.',
  },
  4499: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/client.ts',
    name: 'Terminated',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'graphql-ws 4499: the client terminated the socket.',
  },
  4500: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Internal Server Error',
    cause: 'server-error',
    confidence: 'high',
    detail: 'graphql-ws 4500: the server threw while handling the connection.',
  },
  4504: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Connection Acknowledgement Timeout',
    cause: 'handshake-timeout',
    confidence: 'medium',
    detail: 'graphql-ws 4504: the server never acknowledged connection_init.',
  },
  // Hocuspocus CloseEvents
  4205: {
    dialect: 'hocuspocus',
    source: HOCUS,
    name: 'Reset Connection',
    cause: 'connection-dropped',
    confidence: 'low',
    detail: 'Hocuspocus 4205: the server asked the client to reset and reconnect.',
  },
  // Centrifugo disconnect codes
  3000: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'connection closed',
    cause: 'connection-dropped',
    confidence: 'low',
    detail: 'Centrifugo 3000: the connection closed without advice from the server.',
  },
  3001: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'shutdown',
    cause: 'server-error',
    confidence: 'medium',
    detail: 'Centrifugo 3001: the node is shutting down.',
  },
  3004: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'internal server error',
    cause: 'server-error',
    confidence: 'high',
    detail: 'Centrifugo 3004: an internal server error.',
  },
  3005: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'connection expired',
    cause: 'token-expired',
    confidence: 'high',
    detail: 'Centrifugo 3005: the connection token expired and was not refreshed.',
  },
  3006: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'subscription expired',
    cause: 'token-expired',
    confidence: 'medium',
    detail: 'Centrifugo 3006: a subscription token expired.',
  },
  3008: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'slow',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'Centrifugo 3008: the client did not read messages fast enough.',
  },
  3009: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'write error',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'Centrifugo 3009: writing to the connection failed.',
  },
  3010: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'insufficient state',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'Centrifugo 3010: the server asks the client to reconnect and recover missed publications.',
  },
  3011: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'force reconnect',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'Centrifugo 3011: the server disconnected the client and wants it to reconnect.',
  },
  3012: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'no pong',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: "Centrifugo 3012: no pong arrived for the server's ping.",
  },
  3013: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'too many requests',
    cause: 'protocol-error',
    confidence: 'medium',
    detail: 'Centrifugo 3013: the client sent too many commands.',
  },
  3500: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'invalid token',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Centrifugo 3500: the connection token did not verify.',
  },
  3501: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'bad request',
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'Centrifugo 3501: malformed protocol frames.',
  },
  3502: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'stale',
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'Centrifugo 3502: the connection did not authenticate (connect command) in time.',
  },
  3503: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'force disconnect',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Centrifugo 3503: the server disconnected the client and asked it not to reconnect.',
  },
  3504: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'connection limit',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Centrifugo 3504: a connection limit (per user or otherwise) was exceeded.',
  },
  3505: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'channel limit',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Centrifugo 3505: the channel limit was exceeded.',
  },
  3506: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'inappropriate protocol',
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      "Centrifugo 3506: the client's protocol format cannot carry this data (JSON client, binary data).",
  },
  3507: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'permission denied',
    cause: 'auth-rejected',
    confidence: 'high',
    detail: 'Centrifugo 3507: permission denied.',
  },
  3508: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'not available',
    cause: 'protocol-error',
    confidence: 'medium',
    detail: 'Centrifugo 3508: the requested feature is not available on the server.',
  },
  3509: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'too many errors',
    cause: 'protocol-error',
    confidence: 'medium',
    detail: 'Centrifugo 3509: the client caused too many errors.',
  },
};

/** Codes whose meaning is about the transport: it beats generic words in the reason. */
const TRANSPORT_CODES: ReadonlySet<number> = new Set([
  1002, 1003, 1007, 1009, 1010, 1011, 1012, 1013, 1014, 1015,
]);

/** Codes that mean "nothing wrong" on their own. */
const NORMAL_CODES: ReadonlySet<number> = new Set([1000, 1001, 1005]);

function build(
  rule: ReasonRule,
  m: RegExpExecArray,
  quoted: string,
  code: number | undefined,
): ReasonInterpretation {
  const out: ReasonInterpretation = {
    dialect: rule.dialect,
    cause: rule.cause,
    detail: typeof rule.detail === 'function' ? rule.detail(m) : rule.detail,
    quoted,
    confidence: rule.confidence,
    source: rule.source,
  };
  if (code !== undefined) out.code = code;
  const claims = rule.claims?.(m).filter((c) => c !== '');
  if (claims !== undefined && claims.length > 0) out.claims = claims;
  return out;
}

function fromCodeRule(rule: CodeRule, quoted: string, code: number): ReasonInterpretation {
  return {
    dialect: rule.dialect,
    cause: rule.cause,
    detail: rule.detail,
    quoted,
    confidence: rule.confidence,
    source: rule.source,
    code,
  };
}

function stripQuotes(text: string): string {
  const t = text.trim();
  const m = /^(["'`])([\s\S]*)\1$/.exec(t);
  return m ? (m[2] ?? '').trim() : t;
}

const MESSAGE_KEYS = [
  'message',
  'reason',
  'error_description',
  'error',
  'detail',
  'msg',
  'description',
  'errors',
  'data',
  'payload',
];

/** Human strings inside a JSON value: message/reason/error... fields, a few levels deep. */
function collectMessages(value: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 3 || out.length > 8) return out;
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push(value.trim());
  } else if (Array.isArray(value)) {
    for (const item of value.slice(0, 5)) collectMessages(item, depth + 1, out);
  } else if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const key of MESSAGE_KEYS) if (key in obj) collectMessages(obj[key], depth + 1, out);
  }
  return out;
}

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!/^[[{"]/.test(t)) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** The texts to try, most specific first: strings inside a JSON reason, then the whole reason. */
function candidates(reason: string): string[] {
  const whole = stripQuotes(reason);
  const parsed = parseJson(reason);
  const inner = parsed === undefined ? [] : collectMessages(parsed).map(stripQuotes);
  return [...new Set([...inner, whole])].filter((t) => t !== '');
}

function matchRules(
  rules: readonly ReasonRule[],
  texts: readonly string[],
  code: number | undefined,
  quoted: string,
): ReasonInterpretation | null {
  for (const rule of rules) {
    if (rule.codes !== undefined && (code === undefined || !rule.codes.includes(code))) continue;
    for (const text of texts) {
      rule.pattern.lastIndex = 0;
      const m = rule.pattern.exec(text);
      if (m) return build(rule, m, quoted, code);
    }
  }
  return null;
}

/** Library rows only (no generic words, no code meanings). */
export function matchLibraryReason(text: string, code?: number): ReasonInterpretation | null {
  const texts = candidates(text);
  return texts.length === 0 ? null : matchRules(REASON_RULES, texts, code, truncate(text.trim(), 200));
}

/**
 * What a close code and reason mean. `code` undefined: interpret words only (an HTTP body, an error
 * message). Returns null for a normal close (1000/1001/1005) with nothing recognisable in the reason, and
 * for words and codes nobody is known to use.
 */
export function interpretCloseReason(code: number | undefined, reason: string): ReasonInterpretation | null {
  const quoted = truncate((reason ?? '').trim(), 200);
  const texts = candidates(reason ?? '');
  if (texts.length > 0) {
    const specific = matchRules(REASON_RULES, texts, code, quoted);
    if (specific) return specific;
  }
  const codeRule = code === undefined ? undefined : CLOSE_CODE_RULES[code];
  // The reason is the code's own name in its dialect (Centrifugo "internal server error" with 3004...).
  if (code !== undefined && codeRule && texts.some((t) => t.toLowerCase() === codeRule.name.toLowerCase())) {
    return fromCodeRule(codeRule, quoted, code);
  }
  if (code !== undefined && codeRule && TRANSPORT_CODES.has(code))
    return fromCodeRule(codeRule, quoted, code);
  if (texts.length > 0) {
    const generic = matchRules(GENERIC_RULES, texts, code, quoted);
    if (generic) {
      // A private-range code the words only vaguely explain keeps the code's own meaning when it has one.
      if (!(codeRule && generic.cause === 'server-error' && codeRule.cause !== 'server-error'))
        return generic;
    }
  }
  if (code !== undefined && codeRule && !NORMAL_CODES.has(code)) return fromCodeRule(codeRule, quoted, code);
  return null;
}

// ---- message payloads ----------------------------------------------------------------------------------

const ACTIONCABLE = 'rails/rails actioncable/app/javascript/action_cable/internal.js';

const ACTIONCABLE_REASONS: Readonly<
  Record<string, { cause: CauseId; confidence: Confidence; detail: string }>
> = {
  unauthorized: {
    cause: 'auth-rejected',
    confidence: 'high',
    detail:
      "ActionCable: the connection's connect method called reject_unauthorized_connection (the token was refused).",
  },
  invalid_request: {
    cause: 'handshake-rejected',
    confidence: 'medium',
    detail:
      'ActionCable: the request was refused before connect — usually an Origin not in allowed_request_origins, or not a WebSocket request.',
  },
  server_restart: {
    cause: 'server-error',
    confidence: 'medium',
    detail: 'ActionCable: the server is restarting.',
  },
  remote: {
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      'ActionCable: the application disconnected this user on purpose (remote_connections…disconnect), e.g. on logout.',
  },
  heartbeat_timeout: {
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'ActionCable: no ping arrived in time.',
  },
};

const CENTRIFUGO_ERRORS: Readonly<Record<number, { cause: CauseId; confidence: Confidence; name: string }>> =
  {
    100: { cause: 'server-error', confidence: 'high', name: 'internal server error' },
    101: { cause: 'auth-rejected', confidence: 'high', name: 'unauthorized' },
    103: { cause: 'auth-rejected', confidence: 'high', name: 'permission denied' },
    107: { cause: 'protocol-error', confidence: 'medium', name: 'bad request' },
    109: { cause: 'token-expired', confidence: 'high', name: 'token expired' },
    110: { cause: 'token-expired', confidence: 'medium', name: 'expired' },
    111: { cause: 'protocol-error', confidence: 'medium', name: 'too many requests' },
  };

/** Token and auth causes: what a message-level error may say without the socket closing. */
const AUTH_CAUSES: ReadonlySet<CauseId> = new Set<CauseId>([...TOKEN_CAUSES, 'auth-rejected']);

function wrap(
  inner: ReasonInterpretation | null,
  dialect: string,
  prefix: string,
  quoted: string,
  source: string,
): ReasonInterpretation | null {
  if (!inner) return null;
  return {
    ...inner,
    dialect,
    quoted,
    detail: `${prefix} ${inner.detail}`,
    source: inner.dialect === dialect ? inner.source : `${source}; ${inner.source}`,
  };
}

function interpretSocketIo(text: string, quoted: string): ReasonInterpretation | null {
  // engine.io message packet "4" + socket.io packet type 4: CONNECT_ERROR (v3+) / ERROR (v2),
  // optionally with a namespace: 44/admin,{"message":"..."}
  const m = /^44(\/[^,{"]*,)?([\s\S]*)$/.exec(text);
  if (!m) return null;
  const nsp = (m[1] ?? '').replace(/,$/, '');
  const body = (m[2] ?? '').trim();
  const parsed = parseJson(body);
  // v3+ sends a JSON object, v2 a JSON string; anything else is not a socket.io packet ("44 bottles").
  if (parsed === undefined || parsed === null) return null;
  const messages = collectMessages(parsed);
  const source =
    'socketio/socket.io-parser lib/index.ts (CONNECT_ERROR); socketio/socket.io lib/namespace.ts';
  const where = nsp !== '' ? ` on namespace ${nsp}` : '';
  const prefix = `socket.io connect_error${where}: a middleware refused the connection.`;
  for (const msg of messages) {
    const texts = candidates(msg);
    const inner = matchRules(SOCKET_IO_RULES, texts, undefined, quoted) ?? matchLibraryReason(msg);
    if (inner) return wrap({ ...inner, quoted }, 'socket.io', prefix, quoted, source);
  }
  const first = messages[0] ?? '';
  const generic = first === '' ? null : interpretCloseReason(undefined, first);
  if (generic) return wrap({ ...generic, quoted }, 'socket.io', prefix, quoted, source);
  return {
    dialect: 'socket.io',
    cause: 'auth-rejected',
    detail: `${prefix}${first !== '' ? ` It said ${quote(first)}.` : ''}`,
    quoted,
    confidence: 'medium',
    source,
  };
}

function interpretObjectMessage(obj: Record<string, unknown>, quoted: string): ReasonInterpretation | null {
  const type = typeof obj.type === 'string' ? obj.type : undefined;

  // ActionCable: {"type":"disconnect","reason":"unauthorized","reconnect":false}
  if (type === 'disconnect' && typeof obj.reason === 'string') {
    const r = ACTIONCABLE_REASONS[obj.reason];
    if (r) {
      const reconnect = obj.reconnect === false ? ' The server told the client not to reconnect.' : '';
      return {
        dialect: 'actioncable',
        cause: r.cause,
        detail: r.detail + reconnect,
        quoted,
        confidence: r.confidence,
        source: `${ACTIONCABLE}; actioncable/lib/action_cable/connection/base.rb`,
      };
    }
  }
  // ActionCable: {"identifier":"...","type":"reject_subscription"}
  if (type === 'reject_subscription') {
    return {
      dialect: 'actioncable',
      cause: 'auth-rejected',
      detail:
        'ActionCable: the channel rejected the subscription (reject in subscribed), often because current_user is not allowed.',
      quoted,
      confidence: 'medium',
      source: `${ACTIONCABLE}; actioncable/lib/action_cable/channel/base.rb`,
    };
  }
  // subscriptions-transport-ws {"type":"connection_error","payload":{"message":...}} / Hasura {"payload":"..."}
  if (type === 'connection_error') {
    const payload = obj.payload;
    const isHasura = typeof payload === 'string';
    const dialect = isHasura ? 'hasura' : 'subscriptions-transport-ws';
    const source = isHasura
      ? 'hasura/graphql-engine server/src-lib/Hasura/GraphQL/Transport/WebSocket.hs'
      : 'apollographql/subscriptions-transport-ws src/server.ts (GQL_CONNECTION_ERROR)';
    const prefix = 'connection_error: the server refused connection_init.';
    const messages = collectMessages(payload);
    for (const msg of messages) {
      const inner = interpretCloseReason(undefined, msg);
      if (inner)
        return wrap(
          { ...inner, quoted },
          inner.dialect === 'hasura' ? 'hasura' : dialect,
          prefix,
          quoted,
          source,
        );
    }
    return {
      dialect,
      cause: 'auth-rejected',
      detail: `${prefix}${messages[0] !== undefined ? ` It said ${quote(messages[0])}.` : ''}`,
      quoted,
      confidence: 'medium',
      source,
    };
  }
  // graphql-ws / subscriptions-transport-ws operation errors: only when they speak of auth.
  if (type === 'error' || type === 'unauthorized' || type === 'auth_error') {
    for (const msg of collectMessages(obj.payload ?? obj)) {
      const inner = interpretCloseReason(undefined, msg);
      if (inner && AUTH_CAUSES.has(inner.cause)) {
        return wrap(
          { ...inner, quoted },
          inner.dialect === 'generic' ? 'graphql-ws' : inner.dialect,
          'An error message from the server:',
          quoted,
          'enisdenjo/graphql-ws src/common.ts (ErrorMessage)',
        );
      }
    }
  }
  // Centrifugo: a reply error {"id":1,"error":{"code":109,"message":"token expired"}} ...
  const err = obj.error;
  if (typeof err === 'object' && err !== null && typeof (err as Record<string, unknown>).code === 'number') {
    const e = err as { code: number; message?: unknown };
    const known = CENTRIFUGO_ERRORS[e.code];
    if (known) {
      const message = typeof e.message === 'string' ? e.message : known.name;
      return {
        dialect: 'centrifugo',
        cause: known.cause,
        detail: `Centrifugo error ${e.code} "${message}".${e.code === 109 ? ' The SDK would refresh the token; a fixed token has to be replaced.' : ''}`,
        quoted,
        confidence: known.confidence,
        source: 'centrifugal/centrifuge errors.go (Centrifugo docs: Client error codes)',
        code: e.code,
      };
    }
  }
  // ... and a disconnect push {"disconnect":{"code":3500,"reason":"invalid token"}} (also under "push").
  const push =
    typeof obj.push === 'object' && obj.push !== null ? (obj.push as Record<string, unknown>) : obj;
  const disconnect = push.disconnect;
  if (typeof disconnect === 'object' && disconnect !== null) {
    const d = disconnect as { code?: unknown; reason?: unknown };
    if (typeof d.code === 'number') {
      const inner = interpretCloseReason(d.code, typeof d.reason === 'string' ? d.reason : '');
      if (inner) return { ...inner, quoted, detail: `Centrifugo disconnect push: ${inner.detail}` };
    }
  }
  // Any other JSON: an application error object ({"type":"error","message":"jwt expired"}, {"error":"..."}).
  if (type === undefined || /error|unauthori|denied|fail|reject/i.test(type)) {
    const hasErrorField = 'error' in obj || /error|unauthori|denied|fail|reject/i.test(type ?? '');
    if (hasErrorField) {
      for (const msg of collectMessages(obj)) {
        const inner = matchLibraryReason(msg);
        if (inner && AUTH_CAUSES.has(inner.cause)) return { ...inner, quoted };
      }
    }
  }
  return null;
}

/**
 * What a text message from the server means, when it is one of the ways libraries refuse a connection
 * without (or before) closing it: socket.io connect_error packets, ActionCable disconnect /
 * reject_subscription, subscriptions-transport-ws and Hasura connection_error, graphql-ws errors,
 * Centrifugo error replies. Ordinary messages (welcome, echo, data) give null.
 */
export function interpretServerMessage(data: string): ReasonInterpretation | null {
  if (typeof data !== 'string') return null;
  const text = data.trim();
  if (text === '') return null;
  const quoted = truncate(text, 200);
  const sio = interpretSocketIo(text, quoted);
  if (sio) return sio;
  const parsed = parseJson(text);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return interpretObjectMessage(parsed as Record<string, unknown>, quoted);
  }
  if (parsed === undefined) {
    // Plain text: only a library's own words count (an echo server repeats whatever was sent).
    const inner = matchLibraryReason(text);
    return inner && AUTH_CAUSES.has(inner.cause) ? { ...inner, quoted } : null;
  }
  return null;
}

/** A close code's short name when a dialect defines it ("Unauthorized", "invalid token"), else undefined. */
export function dialectCodeName(code: number): string | undefined {
  return CLOSE_CODE_RULES[code]?.name;
}
