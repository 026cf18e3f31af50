// Saved composer snippets: in localStorage under their own key, never with the settings, and never with
// the token unless the user typed it into the snippet (and was warned).
import { COMPOSER_MODES, type ComposerMode } from '../../core/index.ts';

export const SNIPPETS_KEY = 'wsjwt-snippets';
export const MAX_SNIPPETS = 50;
export const MAX_SNIPPET_CHARS = 64 * 1024;

export interface Snippet {
  name: string;
  mode: ComposerMode;
  text: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** Stored snippets are data from outside: only well-formed entries are taken. */
export function sanitizeSnippets(raw: unknown): Snippet[] {
  if (!Array.isArray(raw)) return [];
  const out: Snippet[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const r = item as Record<string, unknown>;
    if (typeof r.name !== 'string' || typeof r.text !== 'string') continue;
    if (r.text.length > MAX_SNIPPET_CHARS) continue;
    const mode = (COMPOSER_MODES as readonly unknown[]).includes(r.mode) ? (r.mode as ComposerMode) : 'text';
    out.push({ name: r.name.slice(0, 80), mode, text: r.text });
    if (out.length >= MAX_SNIPPETS) break;
  }
  return out;
}

export function loadSnippets(storage: StorageLike | undefined): Snippet[] {
  try {
    const text = storage?.getItem(SNIPPETS_KEY);
    return text ? sanitizeSnippets(JSON.parse(text)) : [];
  } catch {
    return [];
  }
}

/** Saves the list; returns an error sentence when the browser refuses (private mode, quota). */
export function storeSnippets(storage: StorageLike | undefined, snippets: readonly Snippet[]): string | null {
  try {
    storage?.setItem(SNIPPETS_KEY, JSON.stringify(snippets.slice(0, MAX_SNIPPETS)));
    return null;
  } catch (err) {
    return `Could not save snippets: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** A name from the first line of the text: "subscribe {"op":"sub"…" */
export function snippetName(text: string, mode: ComposerMode): string {
  const firstLine = text.trim().split('\n')[0] ?? '';
  const short = firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
  return `${mode === 'text' ? '' : `[${mode}] `}${short || '(empty)'}`;
}

/** Adds (or replaces, by name) a snippet, newest first. */
export function withSnippet(list: readonly Snippet[], snippet: Snippet): Snippet[] {
  return [snippet, ...list.filter((s) => s.name !== snippet.name)].slice(0, MAX_SNIPPETS);
}

/** Whether the text carries the token in use (then saving it needs a confirmation). */
export function containsToken(text: string, token: string): boolean {
  if (token.length < 8) return false;
  return (
    text.includes(token) ||
    text.includes(encodeURIComponent(token)) ||
    (token.split('.').length === 3 && text.includes(token.split('.')[2] ?? '\u0000'))
  );
}
