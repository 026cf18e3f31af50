// What a fault scenario may do, at each step of a connection. A fault is one record of these hooks in the
// registry (registry.ts); the reference server's core loop calls them and knows no fault by name.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** One connection attempt, as the hooks see it. */
export interface FaultAttempt {
  id: number;
  url: URL;
  token: string | null;
  socket: Socket;
}

/** At the upgrade, before the server accepts. */
export interface UpgradeHooks {
  req: IncomingMessage;
  attempt: FaultAttempt;
  /** Origins the reject-403-origin fault lets through (server option `allowedOrigins`). */
  allowedOrigins: ReadonlySet<string>;
  /** Answer with plain HTTP and close: the upgrade is refused. */
  refuse(status: number, body: string, headers?: Record<string, string>, type?: string): void;
  /** Never answer (the client times out). */
  hold(): void;
  /** Accept after `ms`. */
  acceptAfter(ms: number): void;
  /** Accept without echoing the offered Sec-WebSocket-Protocol. */
  skipSubprotocolEcho(): void;
  /** '#3 127.0.0.1 / fault=… token: 180 chars, alg HS256' for a log line. */
  describe(): string;
  log(line: string): void;
}

/** On an open socket. */
export interface SessionHooks {
  ws: WebSocket;
  attempt: FaultAttempt;
  /** Close with a code and a reason (bounded to 123 bytes), logged. */
  closeWith(code: number, reason: string): void;
  /** A timer cleared when the socket closes or the server stops. */
  later(fn: () => void, ms: number): void;
  /** The guide's welcome message. */
  welcome(payload: Record<string, unknown>): void;
  /** Echo every message back (fault onMessage hooks first), with bounded buffering. */
  echo(): void;
  describe(): string;
  log(line: string): void;
  now(): number;
}

/** How the token is verified under this fault. */
export interface VerifyOverrides {
  /** Decode JWT_SECRET from base64 first. */
  secretEncoding?: 'base64';
  /** Replaces the server's accepted algorithms (also what /health reports). */
  algorithms?: readonly string[];
  /** Accept an expired token. */
  ignoreExpiration?: boolean;
}

/** 'handled': the hook took over; undefined: the server goes on as usual. */
export type HookResult = 'handled' | undefined;

export interface FaultScenario {
  /** One sentence for /health, `--help` and the README: what it does, like which real server. */
  description: string;
  /** At the upgrade: refuse, hold, delay or change it. 'handled' when the hook answered (or will). */
  onUpgrade?(u: UpgradeHooks): HookResult;
  verify?: VerifyOverrides;
  /** Right after open, before the token is verified. */
  onOpen?(s: SessionHooks): HookResult;
  /** The close for a token that failed verification (default: 1008 with the verifier's reason). */
  authFailureClose?: { code: number; reason: string };
  /** After the token verified; 'handled' replaces the welcome + echo. */
  onAuthenticated?(s: SessionHooks, payload: Record<string, unknown>): HookResult;
  /** Each client message; 'handled' replaces the echo. */
  onMessage?(s: SessionHooks): HookResult;
}
