import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  CSP_DIRECTIVES,
  cspPlugin,
  DEV_SECURITY_HEADERS,
  devFramingPlugin,
} from './plugin.ts';

describe('the console CSP', () => {
  it('forbids inline script, eval, plugins, <base> and form posts; connects to any ws/wss/http(s) target', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss: http: https:; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/);
    expect(CSP_DIRECTIVES['connect-src']?.split(' ')).toEqual(["'self'", 'ws:', 'wss:', 'http:', 'https:']);
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('applies to the build and to vite preview, never to the dev server (React refresh injects inline script there)', () => {
    const plugin = cspPlugin();
    const apply = plugin.apply as (
      c: object,
      env: { command: 'build' | 'serve'; mode: string; isPreview?: boolean },
    ) => boolean;
    expect(apply({}, { command: 'build', mode: 'production' })).toBe(true);
    expect(apply({}, { command: 'serve', mode: 'production', isPreview: true })).toBe(true);
    expect(apply({}, { command: 'serve', mode: 'development', isPreview: false })).toBe(false);
  });

  it('puts the policy first in <head> as a meta tag', () => {
    const hook = cspPlugin().transformIndexHtml as {
      order: string;
      handler: () => Array<{ tag: string; attrs: Record<string, string>; injectTo: string }>;
    };
    expect(hook.handler()).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ]);
  });

  it('the dev server (contributors only) carries no policy, but still refuses to be framed', () => {
    const plugin = devFramingPlugin();
    const apply = plugin.apply as (
      c: object,
      env: { command: 'build' | 'serve'; mode: string; isPreview?: boolean },
    ) => boolean;
    expect(apply({}, { command: 'serve', mode: 'development', isPreview: false })).toBe(true);
    expect(apply({}, { command: 'serve', mode: 'production', isPreview: true })).toBe(false);
    expect(apply({}, { command: 'build', mode: 'production' })).toBe(false);
    expect(DEV_SECURITY_HEADERS['Content-Security-Policy']).toBe("frame-ancestors 'none'");
  });
});
