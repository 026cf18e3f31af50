/** Characters of JSON laid out at most: a pasted 64 KB token must still render within a frame (BENCHMARKS.md). */
export const JSON_SHOWN_CHARS = 8 * 1024;

/** Two-space JSON, or the value as text when it has no JSON form. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** JSON shown as text (never as HTML): hostile keys and values stay inert. Huge JSON is cut, and says so. */
export function Json({ value, label, text: given }: { value?: unknown; label: string; text?: string }) {
  const text = given ?? prettyJson(value);
  const cut = text.length > JSON_SHOWN_CHARS;
  return (
    <pre
      aria-label={label}
      className="max-h-72 overflow-auto rounded-md bg-slate-100 p-2 text-xs leading-relaxed break-all whitespace-pre-wrap dark:bg-slate-950"
    >
      {cut ? text.slice(0, JSON_SHOWN_CHARS) : text}
      {cut ? (
        <span className="block text-slate-500 dark:text-slate-400">
          … {(text.length - JSON_SHOWN_CHARS).toLocaleString('en')} more characters not shown
        </span>
      ) : null}
    </pre>
  );
}
