import { describe, expect, it } from 'vitest';
import type { CloseCodeInfo } from '../types.ts';
import { closeCodeInfo, isErrorClose } from './index.ts';

describe('closeCodeInfo: ranges', () => {
  it.each<[number, CloseCodeInfo['range'], string]>([
    [-1, 'invalid', 'Invalid'],
    [1000.5, 'invalid', 'Invalid'],
    [Number.NaN, 'invalid', 'Invalid'],
    [5000, 'invalid', 'Invalid'],
    [65535, 'invalid', 'Invalid'],
    [0, 'unused', 'Unused'],
    [999, 'unused', 'Unused'],
    [1000, 'rfc6455', 'Normal Closure'],
    [1016, 'rfc6455', 'Reserved'],
    [1999, 'rfc6455', 'Reserved'],
    [2000, 'rfc6455', 'Reserved for extensions'],
    [2999, 'rfc6455', 'Reserved for extensions'],
    [3000, 'iana-registered', 'Unauthorized'],
    [3003, 'iana-registered', 'Forbidden'],
    [3008, 'iana-registered', 'Timeout'],
    [3002, 'library', 'Library or framework code'],
    [3999, 'library', 'Library or framework code'],
    [4000, 'private', 'Unknown error'],
    [4242, 'private', 'Private use'],
    [4999, 'private', 'Private use'],
  ])('%d → %s', (code, range, name) => {
    const info = closeCodeInfo(code);
    expect(info.range).toBe(range);
    expect(info.name).toBe(name);
    expect(info.meaning.length).toBeGreaterThan(20);
    expect(Number.isNaN(code) ? Number.isNaN(info.code) : info.code).toBe(Number.isNaN(code) ? true : code);
  });
});

describe('closeCodeInfo: RFC 6455 and IANA 1000–1015', () => {
  it.each<[number, string, boolean]>([
    [1000, 'Normal Closure', false],
    [1001, 'Going Away', false],
    [1002, 'Protocol Error', false],
    [1003, 'Unsupported Data', false],
    [1004, 'Reserved', false],
    [1005, 'No Status Received', true],
    [1006, 'Abnormal Closure', true],
    [1007, 'Invalid Frame Payload Data', false],
    [1008, 'Policy Violation', false],
    [1009, 'Message Too Big', false],
    [1010, 'Mandatory Extension', false],
    [1011, 'Internal Error', false],
    [1012, 'Service Restart', false],
    [1013, 'Try Again Later', false],
    [1014, 'Bad Gateway', false],
    [1015, 'TLS Handshake', true],
  ])('%d %s (local only: %s)', (code, name, localOnly) => {
    const info = closeCodeInfo(code);
    expect(info).toMatchObject({ code, name, range: 'rfc6455', localOnly, conventions: [] });
  });

  it('explains 1006 and 1008 for this tool’s users', () => {
    expect(closeCodeInfo(1006).meaning).toMatch(/HTTP 401 during the handshake/);
    expect(closeCodeInfo(1008).meaning).toMatch(/rejected token/);
  });
});

describe('closeCodeInfo: conventions', () => {
  const sources = (code: number) => closeCodeInfo(code).conventions.map((c) => `${c.source}: ${c.name}`);

  it.each<[number, string[]]>([
    [3005, ['Centrifugo: connection expired']],
    [3008, ['Centrifugo: slow']],
    [3500, ['Centrifugo: invalid token']],
    [3501, ['Centrifugo: bad request']],
    [3502, ['Centrifugo: stale']],
    [3503, ['Centrifugo: force disconnect']],
    [3011, ['Centrifugo: force reconnect']],
    [4400, ['graphql-ws: Bad Request', '4000 + HTTP status (common convention): Bad Request']],
    [
      4401,
      [
        'graphql-ws: Unauthorized',
        'Hocuspocus: Unauthorized',
        '4000 + HTTP status (common convention): Unauthorized',
      ],
    ],
    [
      4403,
      ['graphql-ws: Forbidden', 'Hocuspocus: Forbidden', '4000 + HTTP status (common convention): Forbidden'],
    ],
    [4406, ['graphql-ws: Subprotocol not acceptable']],
    [
      4408,
      [
        'graphql-ws: Connection initialisation timeout',
        'Hocuspocus: Connection Timeout',
        '4000 + HTTP status (common convention): Request Timeout',
      ],
    ],
    [4409, ['graphql-ws: Subscriber already exists', '4000 + HTTP status (common convention): Conflict']],
    [
      4429,
      [
        'graphql-ws: Too many initialisation requests',
        '4000 + HTTP status (common convention): Too Many Requests',
      ],
    ],
    [4499, ['graphql-ws: Terminated']],
    [
      4500,
      ['graphql-ws: Internal Server Error', '4000 + HTTP status (common convention): Internal Server Error'],
    ],
    [4205, ['Hocuspocus: Reset Connection']],
    [4004, ['graphql-ws: Bad Response', 'Discord Gateway: Authentication failed']],
    [4014, ['Discord Gateway: Disallowed intent(s)']],
    [4404, ['4000 + HTTP status (common convention): Not Found']],
    [4242, []],
  ])('%d', (code, expected) => {
    expect(sources(code)).toEqual(expected);
  });

  it('names a private code after its first convention and says it is one', () => {
    const info = closeCodeInfo(4401);
    expect(info.name).toBe('Unauthorized');
    expect(info.meaning).toMatch(/By convention: Unauthorized \(graphql-ws\)/);
  });

  it('names an unregistered library code after Centrifugo when it matches', () => {
    const info = closeCodeInfo(3500);
    expect(info.range).toBe('library');
    expect(info.name).toBe('invalid token (Centrifugo)');
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => closeCodeInfo('1000')).toThrow(TypeError);
  });
});

describe('isErrorClose', () => {
  it.each([
    [1000, false],
    [1001, false],
    [1005, false],
    [1006, true],
    [1008, true],
    [1011, true],
    [3500, true],
    [4401, true],
  ])('%d → %s', (code, error) => {
    expect(isErrorClose(code)).toBe(error);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => isErrorClose(undefined)).toThrow(TypeError);
  });
});
