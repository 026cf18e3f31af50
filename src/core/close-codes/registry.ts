// The one close-code registry (data): every code's name, meaning, range, whether a server may send it, and
// the conventions of the libraries that use 3000–4999, each with the cause the diagnosis reads from it and
// where it comes from. The log row, the timeline, the CLI and the diagnosis evidence all read these tables
// (through index.ts); nothing else names a close code.
import type { CauseId, Confidence } from '../diagnosis/types.ts';

/** What the diagnosis makes of a code on its own (when no words say more). */
export interface CodeDiagnosis {
  cause: CauseId;
  confidence: Confidence;
  /** One sentence, starting with the code. */
  detail: string;
}

export interface StandardCode {
  name: string;
  meaning: string;
  /** Set by the browser (1005, 1006, 1015), never sent on the wire. */
  localOnly?: boolean;
  /** Reserved: no endpoint may send it. */
  reserved?: boolean;
  source: string;
  diagnosis?: CodeDiagnosis;
}

export interface Convention {
  name: string;
  meaning: string;
  /** Sent by the library's client only (graphql-ws 4499), never by a server. */
  clientOnly?: boolean;
  diagnosis?: CodeDiagnosis;
}

export interface Dialect {
  /** The id the diagnosis uses ('graphql-ws', 'centrifugo'…). */
  id: string;
  /** How the log and the CLI name it ('graphql-ws', 'Centrifugo'…). */
  label: string;
  /** The file (or document) the codes come from. */
  source: string;
  codes: ReadonlyMap<number, Convention>;
}

const RFC = 'RFC 6455 §7.4.1';
const IANA = 'IANA WebSocket Close Code Number Registry';

// RFC 6455 §7.4.1 plus the IANA registrations 1012–1014.
export const STANDARD_CODES: ReadonlyMap<number, StandardCode> = new Map<number, StandardCode>([
  [
    1000,
    {
      name: 'Normal Closure',
      source: RFC,
      meaning: 'The connection was closed on purpose and completed normally.',
    },
  ],
  [
    1001,
    {
      name: 'Going Away',
      source: RFC,
      meaning:
        'An endpoint is going away: the server is shutting down or restarting, or the browser left the page.',
    },
  ],
  [
    1002,
    {
      name: 'Protocol Error',
      source: RFC,
      meaning:
        'An endpoint received a frame that breaks the WebSocket protocol (a bug in a client, server or proxy).',
      diagnosis: {
        cause: 'protocol-error',
        confidence: 'high',
        detail: '1002 Protocol Error: an endpoint received a frame that breaks the WebSocket protocol.',
      },
    },
  ],
  [
    1003,
    {
      name: 'Unsupported Data',
      source: RFC,
      meaning: 'An endpoint received a kind of data it cannot accept, e.g. binary on a text-only endpoint.',
      diagnosis: {
        cause: 'protocol-error',
        confidence: 'high',
        detail:
          '1003 Unsupported Data: the server cannot accept this kind of data (e.g. binary where it expects text).',
      },
    },
  ],
  [
    1004,
    {
      name: 'Reserved',
      source: RFC,
      reserved: true,
      meaning: 'Reserved by RFC 6455; no meaning is defined and endpoints must not send it.',
    },
  ],
  [
    1005,
    {
      name: 'No Status Received',
      source: RFC,
      localOnly: true,
      meaning: 'The close frame carried no status code. Set by the browser, never sent on the wire.',
    },
  ],
  [
    1006,
    {
      name: 'Abnormal Closure',
      source: RFC,
      localOnly: true,
      meaning:
        'The connection ended without a close frame: the server was unreachable, refused the upgrade (e.g. HTTP 401 during the handshake, which the browser hides), or the connection dropped. Set by the browser, never sent on the wire.',
      diagnosis: {
        cause: 'connection-dropped',
        confidence: 'medium',
        detail:
          '1006 Abnormal Closure: the connection ended without a close frame (set by the client, never sent).',
      },
    },
  ],
  [
    1007,
    {
      name: 'Invalid Frame Payload Data',
      source: RFC,
      meaning: 'A message did not match its type, e.g. a text message that is not valid UTF-8.',
      diagnosis: {
        cause: 'protocol-error',
        confidence: 'high',
        detail:
          '1007 Invalid Frame Payload Data: a text message was not valid UTF-8 or did not match the expected type.',
      },
    },
  ],
  [
    1008,
    {
      name: 'Policy Violation',
      source: `${RFC}; the guide's server closes 1008 on auth failure`,
      meaning:
        'A generic refusal that hides the details. Servers that authenticate after accepting the socket often use it for a rejected token (the guide’s server closes with 1008 on an invalid JWT).',
      diagnosis: {
        cause: 'auth-rejected',
        confidence: 'medium',
        detail:
          "1008 Policy Violation: servers (the guide's among them) close with 1008 when authentication fails.",
      },
    },
  ],
  [
    1009,
    {
      name: 'Message Too Big',
      source: RFC,
      meaning: 'A message was larger than the endpoint accepts.',
      diagnosis: {
        cause: 'message-too-big',
        confidence: 'high',
        detail: "1009 Message Too Big: a message exceeded the server's size limit.",
      },
    },
  ],
  [
    1010,
    {
      name: 'Mandatory Extension',
      source: RFC,
      meaning: 'The client required an extension the server did not negotiate in the handshake.',
      diagnosis: {
        cause: 'protocol-error',
        confidence: 'medium',
        detail: '1010 Mandatory Extension: the client required an extension the server did not negotiate.',
      },
    },
  ],
  [
    1011,
    {
      name: 'Internal Error',
      source: RFC,
      meaning: 'The server hit an unexpected condition (an exception) and closed the connection.',
      diagnosis: {
        cause: 'server-error',
        confidence: 'high',
        detail: '1011 Internal Error: the server hit an unexpected condition.',
      },
    },
  ],
  [
    1012,
    {
      name: 'Service Restart',
      source: IANA,
      meaning: 'The server is restarting; reconnecting after a short delay should work.',
      diagnosis: {
        cause: 'server-error',
        confidence: 'high',
        detail: '1012 Service Restart: the server is restarting.',
      },
    },
  ],
  [
    1013,
    {
      name: 'Try Again Later',
      source: IANA,
      meaning: 'The server is temporarily overloaded or refusing work; reconnect later.',
      diagnosis: {
        cause: 'server-error',
        confidence: 'high',
        detail: '1013 Try Again Later: the server is overloaded.',
      },
    },
  ],
  [
    1014,
    {
      name: 'Bad Gateway',
      source: IANA,
      meaning:
        'A gateway or proxy in front of the server received an invalid response from the upstream server.',
      diagnosis: {
        cause: 'server-error',
        confidence: 'high',
        detail: '1014 Bad Gateway: a gateway or proxy got an invalid answer from the server behind it.',
      },
    },
  ],
  [
    1015,
    {
      name: 'TLS Handshake',
      source: RFC,
      localOnly: true,
      meaning:
        'The TLS handshake failed (e.g. the certificate could not be verified). Set by the browser, never sent on the wire.',
      diagnosis: {
        cause: 'server-unreachable',
        confidence: 'medium',
        detail:
          '1015 TLS Handshake failure: wss:// to a server that speaks plain ws://, or a certificate the client does not trust.',
      },
    },
  ],
  // IANA registrations in 3000–3999 (first come, first served).
  [
    3000,
    {
      name: 'Unauthorized',
      source: IANA,
      meaning: 'The endpoint requires authentication that was missing or rejected (like HTTP 401).',
      diagnosis: {
        cause: 'auth-rejected',
        confidence: 'medium',
        detail: '3000 Unauthorized (IANA): authentication was missing or refused.',
      },
    },
  ],
  [
    3003,
    {
      name: 'Forbidden',
      source: IANA,
      meaning: 'The endpoint is authenticated but not allowed to do this (like HTTP 403).',
      diagnosis: {
        cause: 'auth-rejected',
        confidence: 'medium',
        detail: '3003 Forbidden (IANA): the client is not allowed to do this.',
      },
    },
  ],
  [
    3008,
    {
      name: 'Timeout',
      source: IANA,
      meaning: 'The endpoint timed out waiting (like HTTP 408).',
      diagnosis: {
        cause: 'connection-dropped',
        confidence: 'medium',
        detail: '3008 Timeout (IANA; Centrifugo: "slow", the client did not read fast enough).',
      },
    },
  ],
]);
