// Every server library the diagnosis reads, in match order: one file per library (its rules with the exact
// strings from its source, the file cited, and samples), plus the generic words tried last. The first rule
// that matches wins, so libraries whose sentences contain another's shorter phrase come first (jose's decode
// message contains jsonwebtoken's "jwt must be a string"; Spring's "Jwt expired at" contains "jwt expired").
import { ACTIONCABLE_DIALECT } from './actioncable.ts';
import { AUTHLIB } from './authlib.ts';
import { EXPRESS_JWT } from './express-jwt.ts';
import { EXPRESS_OAUTH2_JWT_BEARER } from './express-oauth2-jwt-bearer.ts';
import { FASTIFY_JWT } from './fastify-jwt.ts';
import { GOLANG_JWT } from './golang-jwt.ts';
import { GORILLA_WEBSOCKET } from './gorilla-websocket.ts';
import { CODER_WEBSOCKET } from './coder-websocket.ts';
import { IDENTITYMODEL } from './identitymodel.ts';
import { JAVA_JWT } from './java-jwt.ts';
import { JJWT } from './jjwt.ts';
import { JOKEN } from './joken.ts';
import { PASSPORT_JWT } from './passport-jwt.ts';
import { PHP_JWT } from './php-jwt.ts';
import { PYJWT } from './pyjwt.ts';
import { PYTHON_JOSE } from './python-jose.ts';
import { RUBY_JWT } from './ruby-jwt.ts';
import { RUST_JSONWEBTOKEN } from './rust-jsonwebtoken.ts';
import { SPRING_SECURITY } from './spring-security.ts';
import { CENTRIFUGO } from './centrifugo.ts';
import { GRAPHQL_WS } from './graphql-ws.ts';
import { GUIDE_SERVER } from './guide-server.ts';
import { HASURA } from './hasura.ts';
import { JOSE, JOSE_DECODE_RULES, JOSE_RULES } from './jose.ts';
import { JSONWEBTOKEN } from './jsonwebtoken.ts';
import { SOCKET_IO } from './socket-io.ts';
import type { Dialect, ReasonRule } from './rule.ts';

export { GENERIC_RULES } from './generic.ts';
export { SOCKET_IO_RULES } from './socket-io.ts';
export type { Dialect, DialectSample, ReasonRule } from './rule.ts';

/** Libraries whose sentences are distinctive (mostly case-sensitive), tried before the Node rows. */
const OTHER_STACKS: readonly Dialect[] = [
  IDENTITYMODEL,
  SPRING_SECURITY,
  JJWT,
  JAVA_JWT,
  FASTIFY_JWT,
  EXPRESS_JWT,
  PYTHON_JOSE,
  EXPRESS_OAUTH2_JWT_BEARER,
  PASSPORT_JWT,
  PYJWT,
  AUTHLIB,
  GOLANG_JWT,
  GORILLA_WEBSOCKET,
  CODER_WEBSOCKET,
  RUBY_JWT,
  PHP_JWT,
  RUST_JSONWEBTOKEN,
  JOKEN,
];

/** Every dialect, for the README, the tests and the ambiguity check. */
export const DIALECTS: readonly Dialect[] = [
  JSONWEBTOKEN,
  JOSE,
  GRAPHQL_WS,
  SOCKET_IO,
  GUIDE_SERVER,
  HASURA,
  CENTRIFUGO,
  ACTIONCABLE_DIALECT,
  ...OTHER_STACKS,
];

/** Library strings, most specific first. A row with `codes` only matches with one of those close codes. */
export const REASON_RULES: readonly ReasonRule[] = [
  ...HASURA.rules,
  ...JOSE_DECODE_RULES,
  ...OTHER_STACKS.flatMap((d) => d.rules),
  ...JSONWEBTOKEN.rules,
  ...JOSE_RULES,
  ...GRAPHQL_WS.rules,
  ...CENTRIFUGO.rules,
  ...GUIDE_SERVER.rules,
  ...SOCKET_IO.rules,
];
