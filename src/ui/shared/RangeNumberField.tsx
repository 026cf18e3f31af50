import { useEffect, useId, useState } from 'react';
import { checkRange, type NumberRange } from '../../core/index.ts';

interface Props {
  id: string;
  range: NumberRange;
  /** The value in force (the store's). */
  value: number;
  onValid: (value: number) => void;
  /** What happens while the typed value is refused, e.g. "Connect uses 10000 ms until then." */
  meanwhile?: string;
  className?: string;
  title?: string;
  step?: number;
}

/**
 * A number field with a range: what the user typed stays as typed; a value out of range is not applied and a
 * message says the range (never a silent clamp). The store's value changing elsewhere (a profile) shows here.
 */
export function RangeNumberField({ id, range, value, onValid, meanwhile, className, title, step }: Props) {
  const [draft, setDraft] = useState(String(value));
  const messageId = useId();
  useEffect(() => {
    setDraft((d) => {
      const c = checkRange(d, range);
      return c.ok && c.value === value ? d : String(value);
    });
  }, [value, range]);
  const checked = checkRange(draft, range);
  return (
    <>
      <input
        id={id}
        type="number"
        min={range.min}
        max={range.max}
        step={step}
        className={className}
        title={title}
        value={draft}
        aria-invalid={!checked.ok}
        aria-describedby={checked.ok ? undefined : messageId}
        onChange={(e) => {
          setDraft(e.target.value);
          const c = checkRange(e.target.value, range);
          if (c.ok) onValid(c.value);
        }}
      />
      {checked.ok ? null : (
        <span
          id={messageId}
          role="alert"
          data-range-error={id}
          className="block text-xs text-rose-700 dark:text-rose-300"
        >
          {checked.message}
          {meanwhile ? ` ${meanwhile}` : ''}
        </span>
      )}
    </>
  );
}
