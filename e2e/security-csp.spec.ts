// Promise 4: a Content-Security-Policy that forbids inline script and eval while the console still reaches
// any ws/wss/http(s) target the user types. No violation is reported during a full session.
import { ConsolePage, expect, test } from './support/fixtures.ts';
import { fullSession } from './support/security.ts';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../src/node/csp/plugin.ts';

// A shared, busy machine renders slowly: generous limits (behaviour is asserted, never timing).
test.describe.configure({ timeout: 90_000 });

declare global {
  interface Window {
    __cspViolations?: string[];
    __inline?: number;
  }
}

test.beforeEach(async ({ page }) => {
  // Init scripts run as the page loads (they are not subject to the page's CSP); this one only listens.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations?.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${e.sample ? `: ${e.sample}` : ''}`,
      );
    });
  });
});

test('the built console carries the policy, as a meta tag and (under vite preview) a header', async ({
  page,
  request,
}) => {
  const res = await request.get('/');
  expect(res.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
  await page.goto('/');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    CONTENT_SECURITY_POLICY,
  );
});

test('a full session runs without a single CSP violation, and the masked secret stays masked', async ({
  page,
  server,
}) => {
  test.slow();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  const c = new ConsolePage(page);
  await c.goto();
  await fullSession(c, server);
  // The secret field is masked with a style prop (-webkit-text-security), set through the CSSOM: allowed.
  await c.secret.fill('a-secret');
  await expect(c.secret).toHaveCSS('-webkit-text-security', 'disc');
  await page.getByRole('button', { name: 'Show secret', exact: true }).click();
  await expect(c.secret).toHaveCSS('-webkit-text-security', 'none');
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('inline script, eval and inline style attributes are blocked', async ({ page }) => {
  const c = new ConsolePage(page);
  await c.goto();
  // An injected inline <script> does not run.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
  });
  // eval of a string is refused. (Run from a timer: code evaluated by the test driver itself is exempt from
  // the eval check, code the page's event loop runs is not.)
  const evalOutcome = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        setTimeout(() => {
          try {
            resolve(`ran: ${String((0, eval)('1 + 1'))}`);
          } catch (e) {
            resolve(e instanceof Error ? e.name : String(e));
          }
        }, 0);
      }),
  );
  // A style attribute from markup is ignored.
  const color = await page.evaluate(() => {
    const holder = document.createElement('div');
    holder.innerHTML = '<span style="color: rgb(255, 0, 0)">x</span>';
    document.body.append(holder);
    const span = holder.firstElementChild as HTMLElement;
    const value = getComputedStyle(span).color;
    holder.remove();
    return value;
  });
  expect(await page.evaluate(() => window.__inline)).toBeUndefined();
  expect(evalOutcome).toBe('EvalError');
  expect(color).not.toBe('rgb(255, 0, 0)');
  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  expect(violations.some((v) => v.startsWith('script-src'))).toBe(true);
  expect(violations.some((v) => v.startsWith('style-src'))).toBe(true);
});
