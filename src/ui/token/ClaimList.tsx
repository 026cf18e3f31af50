import { Fragment, useEffect, useId, useState } from 'react';
import type { describeClaim } from '../../core/index.ts';

type Describe = typeof describeClaim;

// The descriptions table is not in the first load (BENCHMARKS.md): the names show at once, their
// tooltips as soon as it has loaded (right after the first token is shown).
let loaded: Describe | null = null;
let loading: Promise<Describe> | null = null;

function loadDescriptions(): Promise<Describe> {
  loading ??= import('../../core/claims/descriptions.ts').then((m) => (loaded = m.describeClaim));
  return loading;
}

// Fetched once the page is idle, not when the first token renders: a 64 KB paste then has one thing less to
// do in its frame (BENCHMARKS.md).
if (typeof window !== 'undefined') setTimeout(() => void loadDescriptions(), 500);

function useDescribeClaim(): Describe | null {
  const [describe, setDescribe] = useState<Describe | null>(() => loaded);
  useEffect(() => {
    if (describe) return;
    let current = true;
    void loadDescriptions().then((f) => {
      if (current) setDescribe(() => f);
    });
    return () => {
      current = false;
    };
  }, [describe]);
  return describe;
}

function preview(value: unknown): string {
  let text: string;
  try {
    // A long string is cut before it is quoted: only 80 characters are shown.
    text =
      typeof value === 'string'
        ? JSON.stringify(value.slice(0, 81))
        : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * The top-level names of a header or payload with what they mean: a tooltip on hover and on keyboard focus
 * (aria-describedby), from RFC 7519 / RFC 7515 / OpenID Connect. Hostile names and values stay text.
 */
export function ClaimList({
  value,
  where,
  label,
}: {
  value: Record<string, unknown>;
  where: 'header' | 'payload';
  label: string;
}) {
  const base = useId();
  const describeClaim = useDescribeClaim();
  const names = Object.keys(value).slice(0, 100);
  if (names.length === 0) return null;
  return (
    <dl
      aria-label={label}
      className="mt-1 grid grid-cols-[minmax(0,max-content)_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs"
    >
      {names.map((name, i) => {
        const d = describeClaim?.(name, where);
        const id = `${base}-${i}`;
        return (
          <Fragment key={name}>
            <dt className="group relative font-mono">
              {d ? (
                <>
                  <span
                    tabIndex={0}
                    aria-describedby={id}
                    data-claim-name={name}
                    className="cursor-help rounded-sm text-sky-800 underline decoration-dotted underline-offset-2 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300"
                  >
                    {name}
                  </span>
                  <span
                    role="tooltip"
                    id={id}
                    className="invisible absolute top-full left-0 z-30 mt-1 w-72 rounded-md border border-slate-300 bg-white p-2 font-sans text-xs leading-snug text-slate-800 shadow-lg group-focus-within:visible group-hover:visible dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
                  >
                    <strong className="block">{d.title}</strong>
                    {d.description}
                    <span className="mt-1 block text-slate-500 dark:text-slate-400">{d.source}</span>
                  </span>
                </>
              ) : (
                <span data-claim-name={name} className="text-slate-600 dark:text-slate-400">
                  {name}
                </span>
              )}
            </dt>
            <dd className="truncate font-mono text-slate-600 dark:text-slate-400">{preview(value[name])}</dd>
          </Fragment>
        );
      })}
    </dl>
  );
}
