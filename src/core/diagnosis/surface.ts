// The same diagnosis, in the words of the surface that shows it. The engine words its evidence and fixes for
// the console (its fields Token, Secret, Server URL; its buttons Mint token, Connect; DevTools); the CLI has
// flags instead (--token, --secret, --mint, --timeout) and sees what a browser hides. forSurface() rewrites
// the console's terms from one table, drops the steps that have no meaning in a terminal, and keeps only the
// refusal advice that fits the HTTP status actually seen. Pure.
import { PLACEMENTS, TOKEN_PLACEMENTS } from '../travel/placements.ts';
import type { Cause } from './types.ts';

export type Surface = 'console' | 'cli';

/** Whole steps that read differently in a terminal, exact console step → CLI step; checked before CLI_TERMS. */
export const CLI_STEPS: Readonly<Record<string, string>> = {
  'Run test matrix: it sends a token signed with another secret, a malformed one and none, and shows which ones the server lets in':
    'Try a token signed with another secret: npx wsjwt probe URL --token "$(npx wsjwt mint --secret not-the-secret)" — if it stays open, the server lets any token in',
  'If the server does verify, its JWT_SECRET is not the one in Secret: compare them (cat .env | grep JWT_SECRET)':
    'If the server does verify, its JWT_SECRET is not the one given with --secret: compare them (cat .env | grep JWT_SECRET)',
  "Set Token travels in to Query parameter (the guide's server reads ?token=)":
    "Send the token in the query string, as wsjwt probe does (the guide's server reads ?token=)",
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Console words → CLI words, applied in order (whole steps first, then phrases). */
export const CLI_TERMS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^Paste a token into Token, or press Mint token$/,
    'Give a token with --token T (- reads stdin), or mint one with --mint',
  ],
  [
    /^Paste it into this console's Token field \(it decodes locally; never paste a live token into an online decoder\) to see which part is broken$/,
    'Decode it locally to see which part is broken: npx wsjwt decode "$TOKEN" (never put a live token into an online decoder)',
  ],
  [
    /^Paste the server's JWT_SECRET into Secret here to check the token, then Mint token$/,
    'Check the token with the server\'s secret (--secret "$JWT_SECRET"), then mint a good one with --mint',
  ],
  [/^Raise the connect timeout if the network is slow$/, 'Raise --timeout MS if the network is slow'],
  [/Enter the server's JWT_SECRET in Secret/g, "Give the server's JWT_SECRET with --secret"],
  [/enter the server's JWT_SECRET in Secret/g, "give the server's JWT_SECRET with --secret"],
  [/\(npm start\)/g, '(the reference server: npx wsjwt serve)'],
  [/ in Server URL\b/g, ' in the URL'],
  [/^Server URL: /g, 'The URL: '],
  [
    /allow this page's origin on the server/g,
    'allow the page’s origin on the server, and send it here with --origin URL',
  ],
  [/this page's Origin/g, 'the Origin sent (--origin URL; none by default)'],
  [/The Token field is empty/g, 'No token was given (--token T or --mint)'],
  [/the Token field is empty/g, 'the token given is empty'],
  [
    /Nothing is left of what was pasted into Token after cleaning/g,
    'Nothing is left of the token given after cleaning',
  ],
  [/The Connection URL\b/g, 'The URL'],
  [/the Connection URL\b/g, 'the URL'],
  [/^Token parameter is empty/g, '--param is empty'],
  // Travel discovery's steps: the console's Token travels in options are --travel values in the CLI.
  ...TOKEN_PLACEMENTS.flatMap((id): Array<readonly [RegExp, string]> => [
    [
      new RegExp(`Set Token travels in to ${escape(PLACEMENTS[id].label)}, and Token parameter to`, 'g'),
      `Use --travel ${id} and --param`,
    ],
    [new RegExp(`Set Token travels in to ${escape(PLACEMENTS[id].label)}`, 'g'), `Use --travel ${id}`],
  ]),
  [/Set Token parameter to/g, 'Set --param to'],
  [/, or press Mint token/g, ', or mint one with --mint'],
  [/press Mint token/g, 'use --mint'],
  [/, then Mint token/g, ', then mint one with --mint'],
  [/the Secret you entered/g, 'the secret you gave (--secret)'],
  [/Your Secret\b/g, 'Your --secret'],
  [/your Secret\b/g, 'your --secret'],
  [/The Secret could not be used/g, 'The secret could not be used'],
  [/but Secret holds an HMAC secret/g, 'but --secret is an HMAC secret'],
  [/ in Secret\b/g, ' with --secret'],
  [/ after Connect\b/g, ' after the probe started'],
  [/choose UTF-8|choose encoding utf8/g, 'use --secret-encoding utf8'],
  [/the pasted \.env/g, 'the .env text given as the secret'],
  [/paste only the value, not the whole line/g, 'give only the value, not the whole line'],
  [/You pasted the whole \.env line/g, 'The secret given is a whole .env line'],
  [/The pasted token/g, 'The token given'],
];

/** Words that name the console's controls or the browser: none may be left in what the CLI prints. */
export const CONSOLE_ONLY_WORDS: readonly RegExp[] = [
  /\b(in|your|Your|the|The) Secret\b/,
  /\bSecret (here|holds)\b/,
  /\bToken field\b/,
  /\b(into|in) Token\b/,
  /\bToken parameter\b/,
  /\bServer URL\b/,
  /\bConnection URL\b/,
  /\bMint token\b/,
  /\bpress\b/i,
  /\bpast(e|ed|ing)\b/i,
  /\bclick\b/i,
  /DevTools/i,
  /\bthis (page|console)\b/i,
  /\bconnect timeout\b/i,
  /\bnpm (start|run server)\b/,
  /\bafter Connect\b/,
  /\bchoose (UTF-8|encoding)\b/i,
  /\bbrowser/i,
];

/** Steps and evidence lines about the browser or the console, with no meaning in a terminal. */
const CLI_DROPPED_LINES: readonly RegExp[] = [/DevTools/i, /\bbrowser/i, /^Or probe from a terminal\b/];

/** One sentence in the CLI's words. */
export function cliText(text: string): string {
  const step = CLI_STEPS[text];
  if (step !== undefined) return step;
  let out = text;
  for (const [pattern, words] of CLI_TERMS) out = out.replace(pattern, words);
  return out;
}

/** "401/403 with a token problem…: …", "404: …", "403 without a token problem: …": the statuses a step is for. */
function stepStatuses(step: string): number[] | undefined {
  const match = /^(\d{3}(?:\/\d{3})*)\b[^:]*:/.exec(step);
  return match?.[1]?.split('/').map(Number);
}

/** Advice for an answer that none of the status-specific steps covers. */
function otherStatusStep(status: number): string | undefined {
  if (status >= 200 && status < 300)
    return `${status}: the address answers plain HTTP, not WebSocket (a web page or an API) — check the path and the port`;
  return undefined;
}

function refusalFix(fix: readonly string[], status: number | undefined): string[] {
  if (status === undefined || status === 101) return [...fix];
  const kept = fix.filter((step) => stepStatuses(step)?.includes(status) ?? true);
  const covered = kept.some((step) => stepStatuses(step) !== undefined);
  const other = covered ? undefined : otherStatusStep(status);
  return other === undefined ? kept : [other, ...kept];
}

/**
 * The causes as `surface` shows them. 'console' returns them as they are. 'cli' rewrites the console's
 * terms, drops browser-only lines, and — when the HTTP answer to the upgrade is known — keeps only the
 * refusal advice for that status.
 */
export function forSurface(
  causes: readonly Cause[],
  surface: Surface,
  facts: { status?: number | undefined; port?: number | undefined } = {},
): Cause[] {
  const serve = facts.port !== undefined ? `npx wsjwt serve --port ${facts.port}` : 'npx wsjwt serve';
  const words = (line: string): string => cliText(line).replace('npx wsjwt serve)', `${serve})`);
  if (surface === 'console') return causes.map((c) => ({ ...c, evidence: [...c.evidence], fix: [...c.fix] }));
  const keep = (line: string): boolean => !CLI_DROPPED_LINES.some((pattern) => pattern.test(line));
  return causes.map((c) => {
    const fix = c.cause === 'handshake-rejected' ? refusalFix(c.fix, facts.status) : [...c.fix];
    return {
      ...c,
      evidence: c.evidence.filter(keep).map(words),
      fix: [...new Set(fix.filter(keep).map(words))],
    };
  });
}
