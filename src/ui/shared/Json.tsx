/** JSON shown as text (never as HTML): hostile keys and values stay inert. */
export function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-72 overflow-auto rounded-md bg-slate-100 p-2 text-xs leading-relaxed break-all whitespace-pre-wrap dark:bg-slate-950"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
