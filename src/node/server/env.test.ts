import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JWT_SECRET, loadServerConfig, readDotEnvFile } from './env.ts';

describe('loadServerConfig', () => {
  it('uses the defaults and warns about the default secret', () => {
    const result = loadServerConfig([], {});
    expect(result).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: '127.0.0.1',
        secret: DEFAULT_JWT_SECRET,
        secretSource: 'default',
        fault: undefined,
        requiredClaims: ['userId', 'role', 'iat', 'exp'],
        help: false,
      },
      warnings: [expect.stringContaining('JWT_SECRET is not set')],
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      PORT: '4000',
      HOST: '0.0.0.0',
      JWT_SECRET: 'from-env',
      FAULT: 'close-1011',
      REQUIRED_CLAIMS: ' userId , role,, ',
    };
    const fromEnv = loadServerConfig([], env);
    expect(fromEnv).toMatchObject({
      ok: true,
      warnings: [],
      config: {
        port: 4000,
        host: '0.0.0.0',
        secret: 'from-env',
        secretSource: 'env',
        fault: 'close-1011',
        requiredClaims: ['userId', 'role'],
      },
    });
    const fromFlags = loadServerConfig(
      ['--port', '0', '--host=::1', '--secret', 'from-flag', '--fault=flood'],
      env,
    );
    expect(fromFlags).toMatchObject({
      ok: true,
      config: { port: 0, host: '::1', secret: 'from-flag', secretSource: 'flag', fault: 'flood' },
    });
  });

  it('treats an empty JWT_SECRET as unset, FAULT=none as no fault, and an empty REQUIRED_CLAIMS as none', () => {
    expect(loadServerConfig([], { JWT_SECRET: '', FAULT: 'none', REQUIRED_CLAIMS: '' })).toMatchObject({
      ok: true,
      config: { secretSource: 'default', fault: undefined, requiredClaims: [] },
    });
  });

  it('warns when the environment carries the example secret', () => {
    const result = loadServerConfig([], { JWT_SECRET: DEFAULT_JWT_SECRET });
    expect(result).toMatchObject({
      ok: true,
      config: { secretSource: 'env' },
      warnings: [expect.stringContaining('example value')],
    });
  });

  it('warns about whitespace around the secret', () => {
    const result = loadServerConfig([], { JWT_SECRET: 'secret ' });
    expect(result.ok && result.warnings).toEqual([expect.stringContaining('whitespace')]);
  });

  it.each([
    [['--port', 'abc'], {}, /--port must be a port number/],
    [[], { PORT: '70000' }, /PORT must be a port number/],
    [['--fault', 'nope'], {}, /unknown fault "nope"/],
    [[], { FAULT: 'nope' }, /FAULT: unknown fault/],
    [['--verbose'], {}, /Unknown option "--verbose"/],
    [['--port'], {}, /--port needs a value/],
    [['--secret', '--port'], {}, /--secret needs a value/],
    [['--secret='], {}, /must not be empty/],
  ])('refuses %j %j', (argv, env, message) => {
    const result = loadServerConfig(argv, env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('recognises --help', () => {
    expect(loadServerConfig(['--help'], {})).toMatchObject({ ok: true, config: { help: true } });
    expect(loadServerConfig(['-h'], {})).toMatchObject({ ok: true, config: { help: true } });
  });
});

describe('readDotEnvFile', () => {
  it('parses a .env file and returns undefined when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsjwt-env-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(file, '# comment\nJWT_SECRET="quoted secret"\nPORT=3100\nexport NODE_ENV=development\n');
      expect(readDotEnvFile(file)).toMatchObject({ JWT_SECRET: 'quoted secret', PORT: '3100' });
      expect(readDotEnvFile(join(dir, 'missing.env'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
