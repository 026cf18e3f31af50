import { describe, expect, it } from 'vitest';
import { analyzeToken, mintToken, verifyToken } from '../../core/index.ts';
import { fakeIo } from './fake-io.test-helpers.ts';
import { main } from './main.ts';
import { parseClaim, parseDuration } from './mint.ts';

const NOW = Date.UTC(2026, 10, 27, 4, 22, 37);
const NOW_S = Math.floor(NOW / 1000);
const SECRET = 'commands-test-secret';

async function token(payload: Record<string, unknown>, secret = SECRET): Promise<string> {
  const minted = await mintToken(payload, { text: secret, encoding: 'utf8' }, 'HS256');
  if (!minted.ok) throw new Error(minted.message);
  return minted.token;
}

const guide = (): Record<string, unknown> => ({
  userId: '123',
  role: 'principal',
  iat: NOW_S,
  exp: NOW_S + 86_400,
});

async function run(
  argv: string[],
  options: Parameters<typeof fakeIo>[0] = {},
): Promise<{ code: unknown; out: string; err: string }> {
  const fake = fakeIo({ now: () => NOW, ...options });
  const code = await main(argv, fake.io);
  return { code, out: fake.stdout(), err: fake.stderr() };
}

function expectUsageError(result: { code: unknown; out: string; err: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  expect(result.err.trim().split('\n')).toHaveLength(1);
  expect(result.err).toMatch(pattern);
  expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
}

describe('wsjwt decode', () => {
  it('decodes a valid token: header, payload, times and status; exit 0', async () => {
    const r = await run(['decode', await token(guide())]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Status:  valid (expires in 1 d)');
    expect(r.out).toContain('"role": "principal"');
    expect(r.out).toContain('"alg": "HS256"');
    expect(r.out).toMatch(/exp {2}\d+ {2}2026-11-28T04:22:37Z {2}local .+ {2}in 1 d/);
    expect(r.out).not.toContain('\u001b['); // not a TTY: no colors
  });

  it('an expired token: exit 1, status expired', async () => {
    const r = await run(['decode', await token({ ...guide(), iat: NOW_S - 7200, exp: NOW_S - 3600 })]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expired (expired 1 h ago)');
  });

  it('a malformed token: exit 1 with the problems listed', async () => {
    const r = await run(['decode', 'not.a.jwt']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('malformed');
    expect(r.out).toContain('Problems:');
  });

  it('exit 1 for what it flags: an unsigned alg none token, missing required claims', async () => {
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify(guide()),
    ).toString('base64url')}.`;
    const none = await run(['decode', unsigned]);
    expect(none.out).toContain('UNSIGNED TOKEN');
    expect(none.code).toBe(1);
    const missing = await run(['decode', await token({ sub: 'x', exp: NOW_S + 60 })]);
    expect(missing.out).toContain('Missing claims: userId, role, iat');
    expect(missing.code).toBe(1);
    expect(
      (await run(['decode', await token({ sub: 'x', exp: NOW_S + 60 }), '--required-claims', 'sub'])).code,
    ).toBe(0);
  });

  it('reads the token from stdin with -, cleaning "Bearer " and the newline', async () => {
    const r = await run(['decode', '-', '--json'], { stdin: `Bearer ${await token(guide())}\n` });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(json).toMatchObject({
      status: 'valid',
      format: 'jws',
      alg: 'HS256',
      payload: { userId: '123' },
      missingClaims: [],
    });
    expect(json.times).toMatchObject({
      exp: { seconds: NOW_S + 86_400, utc: '2026-11-28T04:22:37Z', relative: 'in 1 d' },
    });
    expect((json.cleanups as Array<{ kind: string }>).map((c) => c.kind)).toContain('bearer-prefix');
  });

  it('--json on a token without the guide claims lists them', async () => {
    const r = await run(['decode', await token({ exp: NOW_S + 60 }), '--json']);
    const json = JSON.parse(r.out) as { missingClaims: string[] };
    expect(json.missingClaims).toEqual(['userId', 'role', 'iat']);
  });

  it('colors on a TTY, none with NO_COLOR', async () => {
    const t = await token(guide());
    expect((await run(['decode', t], { isTTY: true })).out).toContain('\u001b[');
    expect((await run(['decode', t], { isTTY: true, env: { NO_COLOR: '1' } })).out).not.toContain('\u001b[');
  });

  it("an empty token is described in the terminal's words, not as the console's empty Token field", async () => {
    const r = await run(['decode', '']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('No token: the token given is empty');
  });

  it('usage errors: no token, empty stdin, two tokens', async () => {
    expectUsageError(await run(['decode']), /missing a token/);
    expectUsageError(await run(['decode', '-'], { stdin: '  \n' }), /stdin was empty/);
    expectUsageError(await run(['decode', 'a', 'b']), /one token/);
  });
});

describe('wsjwt verify', () => {
  it('exit 0 when the signature verifies', async () => {
    const r = await run(['verify', await token(guide()), '--secret', SECRET]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('The signature verifies with the secret (HS256)');
  });

  it('exit 1 on a mismatch, naming the variant that verifies (triage)', async () => {
    const r = await run(['verify', await token(guide()), '--secret', `${SECRET}\n`, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(json).toMatchObject({
      verified: false,
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      match: { id: 'trimmed' },
    });
  });

  it('says when no usual variant verifies either', async () => {
    const r = await run(['verify', await token(guide(), 'another-secret'), '--secret', SECRET]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('No usual variant of the secret verifies either');
  });

  it('--secret-encoding base64 decodes the secret', async () => {
    const bytes = new Uint8Array(32).map((_, i) => i * 7);
    const b64 = Buffer.from(bytes).toString('base64');
    const minted = await mintToken(guide(), { text: b64, encoding: 'base64' }, 'HS256');
    if (!minted.ok) throw new Error('mint');
    expect((await run(['verify', minted.token, '--secret', b64, '--secret-encoding', 'base64'])).code).toBe(
      0,
    );
    const asText = await run(['verify', minted.token, '--secret', b64, '--json']);
    expect(asText.code).toBe(1);
    expect(JSON.parse(asText.out)).toMatchObject({ match: { id: 'base64-decoded' } });
  });

  it('takes JWT_SECRET from the environment and from --env-file (which wins)', async () => {
    const t = await token(guide());
    expect((await run(['verify', t], { env: { JWT_SECRET: SECRET } })).code).toBe(0);
    const fromFile = await run(['verify', t, '--env-file', '.env'], {
      env: { JWT_SECRET: 'wrong' },
      files: { '.env': `PORT=3000\nJWT_SECRET="${SECRET}"\n` },
    });
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toContain('JWT_SECRET in .env (line 2)');
    expect((await run(['verify', t, '--secret', SECRET], { env: { JWT_SECRET: 'wrong' } })).code).toBe(0);
  });

  it('usage errors: no secret, unreadable env file, bad encoding', async () => {
    const t = await token(guide());
    expectUsageError(await run(['verify', t]), /needs a secret/);
    expectUsageError(
      await run(['verify', t, '--env-file', 'missing.env']),
      /cannot read --env-file missing\.env: no such file/,
    );
    expectUsageError(
      await run(['verify', t, '--env-file', 'e'], { files: { e: '# nothing\n' } }),
      /no JWT_SECRET/,
    );
    expectUsageError(
      await run(['verify', t, '--secret', 's', '--secret-encoding', 'rot13']),
      /--secret-encoding must be one of/,
    );
  });
});

describe('wsjwt mint', () => {
  it("prints only the guide's token, which verifies", async () => {
    const r = await run(['mint', '--secret', SECRET]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const t = r.out.trim();
    const analysis = analyzeToken(t, { now: NOW });
    expect(analysis.payload).toEqual({ userId: '123', role: 'principal', iat: NOW_S, exp: NOW_S + 86_400 });
    expect(analysis.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(await verifyToken(t, { text: SECRET, encoding: 'utf8' })).toEqual({ ok: true, alg: 'HS256' });
  });

  it('--claim (JSON or text), --expires-in, --alg', async () => {
    const r = await run([
      'mint',
      '--secret',
      SECRET,
      '--claim',
      'role=admin',
      '--claim',
      'userId=42',
      '--claim',
      'scopes=["a","b"]',
      '--expires-in',
      '90m',
      '--alg',
      'HS512',
    ]);
    expect(r.code).toBe(0);
    const analysis = analyzeToken(r.out.trim(), { now: NOW });
    expect(analysis.payload).toEqual({
      userId: 42,
      role: 'admin',
      scopes: ['a', 'b'],
      iat: NOW_S,
      exp: NOW_S + 5400,
    });
    expect(analysis.alg).toBe('HS512');
    expect(await verifyToken(r.out.trim(), { text: SECRET, encoding: 'utf8' })).toEqual({
      ok: true,
      alg: 'HS512',
    });
  });

  it('--expires-in D: iat = now and exp = iat + D, for every D (0 and negative: already expired on purpose)', async () => {
    const payloadOf = async (argv: string[]): Promise<Record<string, unknown> | undefined> => {
      const r = await run(['mint', '--secret', SECRET, ...argv]);
      expect(r.code, argv.join(' ')).toBe(0);
      return analyzeToken(r.out.trim(), { now: NOW }).payload;
    };
    expect(await payloadOf(['--expires-in', '1h'])).toMatchObject({ iat: NOW_S, exp: NOW_S + 3600 });
    expect(await payloadOf(['--expires-in', '0'])).toMatchObject({ iat: NOW_S, exp: NOW_S });
    expect(await payloadOf(['--expires-in', '-1h'])).toMatchObject({ iat: NOW_S, exp: NOW_S - 3600 });
    expect(await payloadOf(['--payload', '{"sub":"x"}', '--expires-in', '90m'])).toEqual({
      sub: 'x',
      iat: NOW_S,
      exp: NOW_S + 5400,
    });
    expect(await payloadOf(['--claim', 'iat=1000', '--expires-in', '60'])).toMatchObject({
      iat: 1000,
      exp: 1060,
    });
    const expired = await run(['mint', '--secret', SECRET, '--expires-in', '-1h']);
    expect(analyzeToken(expired.out.trim(), { now: NOW }).status).toBe('expired');
  });

  it('--expires-in with another exp (--claim exp=…, or one in --payload) is an error, not a silent choice', async () => {
    expectUsageError(
      await run(['mint', '--secret', SECRET, '--claim', 'exp=1', '--expires-in', '1h']),
      /^wsjwt mint: --expires-in 1h and --claim exp=… both set exp: give only one of them\n$/,
    );
    expectUsageError(
      await run(['mint', '--secret', SECRET, '--payload', '{"exp":5}', '--expires-in', '1h']),
      /--expires-in 1h and the exp in --payload both set exp/,
    );
    expectUsageError(
      await run(['mint', '--secret', SECRET, '--claim', 'iat="soon"', '--expires-in', '1h']),
      /iat is "soon", not a number of seconds/,
    );
  });

  it('--json prints token, header and payload', async () => {
    const r = await run(['mint', '--secret', SECRET, '--json', '--payload', '{"sub":"x"}']);
    expect(JSON.parse(r.out)).toMatchObject({
      token: expect.any(String),
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: 'x' },
    });
  });

  it('usage errors: no secret, bad claim, bad duration, bad alg, bad base64 secret', async () => {
    expectUsageError(await run(['mint']), /needs a secret/);
    expectUsageError(await run(['mint', '--secret', 's', '--claim', 'novalue']), /--claim must be key=value/);
    expectUsageError(
      await run(['mint', '--secret', 's', '--expires-in', 'soon']),
      /--expires-in must be a duration/,
    );
    expectUsageError(
      await run(['mint', '--secret', 's', '--alg', 'RS256']),
      /--alg must be one of HS256, HS384, HS512/,
    );
    expectUsageError(
      await run(['mint', '--secret', 'a!b', '--secret-encoding', 'base64']),
      /The secret is not base64: "!" at position 1/,
    );
  });

  it('parses durations and claims', () => {
    expect(parseDuration('24h')).toBe(86_400);
    expect(parseDuration('90m')).toBe(5400);
    expect(parseDuration('3600s')).toBe(3600);
    expect(parseDuration('3600')).toBe(3600);
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration('-1h')).toBe(-3600);
    expect(parseClaim('n=1')).toEqual(['n', 1]);
    expect(parseClaim('t=true')).toEqual(['t', true]);
    expect(parseClaim('s=hello world')).toEqual(['s', 'hello world']);
    expect(parseClaim('e=')).toEqual(['e', '']);
    expect(parseClaim('url=a=b')).toEqual(['url', 'a=b']);
  });
});

describe('wsjwt: help and bad usage', () => {
  it('--help on every command goes to stdout, exit 0', async () => {
    for (const argv of [
      ['--help'],
      ['help'],
      ['help', 'probe'],
      ['decode', '--help'],
      ['verify', '-h'],
      ['mint', '--help'],
      ['probe', '--help'],
      ['serve', '--help'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out, argv.join(' ')).toMatch(/^Usage: npx wsjwt/);
      expect(r.err).toBe('');
    }
  });

  it('--help wins over other problems on the line', async () => {
    expect((await run(['probe', '--bogus', '--help'])).code).toBe(0);
  });

  it('no command, unknown command, unknown flag: one line, exit 2, nothing on stdout', async () => {
    expectUsageError(await run([]), /^wsjwt: missing command/);
    expectUsageError(await run(['frobnicate']), /^wsjwt: unknown command "frobnicate"/);
    expectUsageError(await run(['--frob']), /^wsjwt: unknown option --frob/);
    expectUsageError(await run(['decode', 'x', '--frob']), /^wsjwt decode: unknown option --frob/);
    expectUsageError(await run(['mint', '--secret']), /--secret needs a value/);
    expectUsageError(await run(['mint', '--json=yes', '--secret', 's']), /--json does not take a value/);
    expectUsageError(await run(['help', 'nope']), /no help for "nope"/);
  });

  it('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('wsjwt: where the secret comes from, and a secret that does not decode', () => {
  it('--env-file without a JWT_SECRET line is an error: no other variable is taken for the secret', async () => {
    const files = { '.env': 'PORT=1\nAPI_SECRET=not-this-one\n' };
    const minted = await run(['mint', '--env-file', '.env'], { files });
    expectUsageError(minted, /^wsjwt mint: --env-file \.env has no JWT_SECRET=… line/);
    const t = await token(guide());
    expectUsageError(await run(['verify', t, '--env-file', '.env'], { files }), /has no JWT_SECRET/);
  });

  it('--dotenv is --env-file under a name Node never reads; JWT_SECRET is read as the server reads .env', async () => {
    const t = await token(guide());
    const files = { 'a.env': `# a comment\nPORT=3000\nexport JWT_SECRET='${SECRET}' # inline\n` };
    const r = await run(['verify', t, '--dotenv', 'a.env'], { files });
    expect(r.code).toBe(0);
    expect(r.out).toContain('JWT_SECRET in a.env (line 3)');
    expectUsageError(
      await run(['verify', t, '--dotenv', 'nope.env']),
      /cannot read --dotenv nope\.env: no such file/,
    );
    expectUsageError(
      await run(['verify', t, '--dotenv', 'a.env', '--env-file', 'a.env'], { files }),
      /not both/,
    );
  });

  it('a secret that does not decode in its encoding: exit 2 and the same sentence in verify, mint and probe', async () => {
    const t = await token(guide());
    const bad = ['--secret', 'Zg=', '--secret-encoding', 'base64'];
    const sentence =
      /: The secret is not valid base64: the "=" padding does not fit: 3 characters with 1 "=" .*\(secret from --secret, --secret-encoding base64\)\n$/;
    for (const argv of [
      ['verify', t, ...bad],
      ['mint', ...bad],
      ['probe', 'ws://127.0.0.1:9', '--token', t, ...bad],
    ]) {
      const r = await run(argv);
      expectUsageError(r, sentence);
      expect(r.err).toMatch(new RegExp(`^wsjwt ${argv[0] ?? ''}: `));
    }
  });
});

describe('wsjwt verify speaks with flags', () => {
  it('a hex secret that verifies as text: "use --secret-encoding utf8", not the console\'s "choose UTF-8"', async () => {
    const t = await token(guide(), 'abcd');
    const r = await run(['verify', t, '--secret', 'abcd', '--secret-encoding', 'hex']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('use --secret-encoding utf8');
    expect(r.out).not.toMatch(/choose UTF-8/);
  });
});
