import { describe, expect, it } from 'vitest';
import { CAUSE_CATALOG, causeFix } from './catalog.ts';
import { diagnose } from './diagnose.ts';
import {
  e,
  evidence,
  failedBeforeOpen,
  NOW,
  NOW_S,
  openThenClose,
  secretBad,
  secretOk,
  tokenFixture,
  urlFor,
  validPayload,
} from './fixtures.test-helpers.ts';
import { CLI_STEPS, CONSOLE_ONLY_WORDS, cliText, forSurface } from './surface.ts';
import type { Cause, ConnectionEvent, DiagnosisEvidence } from './types.ts';
import { CAUSE_IDS } from './types.ts';

function consoleWords(text: string): string[] {
  return CONSOLE_ONLY_WORDS.filter((pattern) => pattern.test(text)).map(String);
}

function expectCliWords(causes: readonly Cause[], context: string): void {
  for (const c of causes)
    for (const line of [...c.evidence, ...c.fix])
      expect(consoleWords(line), `${context} / ${c.cause}: ${line}`).toEqual([]);
}

const TOKENS = {
  valid: tokenFixture(),
  empty: tokenFixture({ raw: '' }),
  malformed: tokenFixture({ raw: 'abc.def' }),
  none: tokenFixture({ header: { alg: 'none', typ: 'JWT' }, signature: '' }),
  expired: tokenFixture({ payload: validPayload({ iat: NOW_S - 7200, exp: NOW_S - 3600 }) }),
  future: tokenFixture({ payload: validPayload({ nbf: NOW_S + 3600 }) }),
  noClaims: tokenFixture({ payload: { exp: NOW_S + 60 } }),
  rs256: tokenFixture({ header: { alg: 'RS256', typ: 'JWT' } }),
};

const SECRETS = [
  undefined,
  secretOk(),
  secretBad(),
  secretBad('trimmed'),
  secretBad('env-line'),
  secretBad('base64-decoded'),
  secretBad('utf8-of-base64'),
];

const EVENTS: Record<string, ConnectionEvent[]> = {
  before: [],
  failed: failedBeforeOpen(),
  refused: [e.connecting(), e.error(3, 'connect ECONNREFUSED 127.0.0.1:3000'), e.close(4, 1006, '', false)],
  unknownError: [
    e.connecting(),
    e.error(40, 'Invalid WebSocket frame: RSV1 must be clear'),
    e.close(41, 1006, '', false),
  ],
  timeout: [e.connecting(), e.timeout(5000)],
  r401: [e.connecting(), e.unexpected(5, 401, 'Unauthorized', { 'www-authenticate': 'Bearer' }, 'nope')],
  r403origin: [e.connecting(), e.unexpected(5, 403, 'Forbidden', {}, 'Origin not allowed')],
  r404: [e.connecting(), e.unexpected(5, 404, 'Not Found')],
  r200: [e.connecting(), e.unexpected(5, 200, 'OK', {}, '<html>')],
  badSignature: openThenClose(1008, 'invalid signature'),
  expiredClose: openThenClose(1008, 'jwt expired'),
  noToken: openThenClose(1008, 'No token provided'),
  unauthorized: openThenClose(4001, 'Unauthorized'),
  dropped: openThenClose(1006),
  tooBig: openThenClose(1009, 'Max payload size exceeded'),
  serverError: openThenClose(1011, 'boom'),
  fine: openThenClose(1000),
};

function scenarios(): Array<[string, DiagnosisEvidence]> {
  const out: Array<[string, DiagnosisEvidence]> = [];
  for (const [tokenName, token] of Object.entries(TOKENS))
    for (const [i, secret] of SECRETS.entries())
      for (const [eventsName, events] of Object.entries(EVENTS)) {
        const ev = evidence({ token, url: urlFor(token.token), events });
        if (secret !== undefined) ev.secret = secret;
        out.push([`${tokenName} / secret ${i} / ${eventsName}`, ev]);
      }
  out.push([
    'param',
    evidence({
      paramName: 'access_token',
      url: urlFor('x', 'ws://localhost:3000', 'access_token'),
      events: EVENTS.noToken ?? [],
    }),
  ]);
  return out;
}

describe('forSurface(…, "cli"): the diagnosis in the terminal’s words', () => {
  it('every cause’s default fix steps, in CLI words, name no console control and no browser', () => {
    for (const id of CAUSE_IDS) {
      const causes: Cause[] = [
        { cause: id, title: CAUSE_CATALOG[id].title, confidence: 'high', evidence: [], fix: causeFix(id) },
      ];
      expectCliWords(forSurface(causes, 'cli'), id);
    }
  });

  it('no console-only word is left in any diagnosis of a broad set of attempts', () => {
    let checked = 0;
    for (const [name, ev] of scenarios()) {
      const causes = diagnose(ev, NOW);
      const status = ev.events.find((x) => x.type === 'unexpected-response')?.status;
      expectCliWords(forSurface(causes, 'cli', { status }), name);
      checked += causes.length;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('every whole-step CLI wording replaces a step the catalog really has (no dead entries)', () => {
    const steps = new Set(Object.values(CAUSE_CATALOG).flatMap((entry) => entry.fix));
    for (const [step, words] of Object.entries(CLI_STEPS)) {
      expect(steps, step).toContain(step);
      expect(cliText(step)).toBe(words);
      expect(consoleWords(words), words).toEqual([]);
    }
  });

  it('a fitted fix in the CLI words: a token missing, said with --token', () => {
    const causes = diagnose(
      evidence({ token: tokenFixture({ raw: '' }), events: openThenClose(1008, 'No token provided') }),
      NOW,
    );
    const fix = forSurface(causes, 'cli')[0]?.fix.join('\n') ?? '';
    expect(fix).toContain('--token');
    expect(fix).not.toContain('Paste a token into Token');
  });

  it('the console keeps its own words', () => {
    const events = openThenClose(1008, 'No token provided');
    const causes = diagnose(evidence({ token: TOKENS.empty, url: urlFor(''), events }), NOW);
    expect(forSurface(causes, 'console')).toEqual(causes);
    expect(JSON.stringify(causes)).toMatch(/Token field|Mint token/);
  });

  it('says it with flags: --token/--mint, --secret, --timeout, wsjwt serve', () => {
    expect(cliText('Paste a token into Token, or press Mint token')).toBe(
      'Give a token with --token T (- reads stdin), or mint one with --mint',
    );
    expect(cliText("Enter the server's JWT_SECRET in Secret to check the signature here")).toBe(
      "Give the server's JWT_SECRET with --secret to check the signature here",
    );
    expect(cliText('Raise the connect timeout if the network is slow')).toBe(
      'Raise --timeout MS if the network is slow',
    );
    expect(cliText('Start the server (npm start) and check it listens on that port')).toContain(
      'npx wsjwt serve',
    );
    const unreachable = diagnose(evidence({ events: EVENTS.refused ?? [] }), NOW);
    expect(forSurface(unreachable, 'cli', { port: 3001 })[0]?.fix[0]).toMatch(
      /^Start the server \(the reference server: npx wsjwt serve --port 3001\)/,
    );
  });

  it('refusal advice fits the status seen: no 401/403/404 list for a 200, only the 404 step for a 404', () => {
    const fixFor = (events: ConnectionEvent[], status: number): string[] =>
      forSurface(diagnose(evidence({ events }), NOW), 'cli', { status }).find(
        (c) => c.cause === 'handshake-rejected',
      )?.fix ?? [];
    const ok = fixFor(EVENTS.r200 ?? [], 200);
    expect(ok.some((step) => /^(401|403|404)/.test(step))).toBe(false);
    expect(ok[0]).toMatch(/^200: the address answers plain HTTP, not WebSocket/);
    const missing = fixFor(EVENTS.r404 ?? [], 404);
    expect(missing.filter((step) => /^\d{3}/.test(step))).toEqual([
      '404: the WebSocket path is wrong — check the path in the URL',
    ]);
    const refused = fixFor(EVENTS.r401 ?? [], 401);
    expect(refused.filter((step) => /^\d{3}/.test(step)).map((step) => step.slice(0, 7))).toEqual([
      '401/403',
    ]);
  });
});
