// Inputs with a unit have a range. A value outside it is refused with a sentence that names the field and
// the range, never clamped in silence: above 2^31−1 ms, for one, setTimeout fires at once.

export interface NumberRange {
  /** The field as the user sees it, e.g. "Timeout (ms)". */
  label: string;
  min: number;
  max: number;
  unit: string;
  /** Whole numbers only. */
  integer: boolean;
}

/** The connect timeout: 100 ms to 5 min (browsers give up on a handshake long before). */
export const TIMEOUT_MS_RANGE: NumberRange = {
  label: 'Timeout (ms)',
  min: 100,
  max: 300_000,
  unit: 'ms',
  integer: true,
};
/** Clock tolerance for exp / nbf / iat: up to a day (servers use seconds to minutes). */
export const LEEWAY_S_RANGE: NumberRange = {
  label: 'Leeway (s)',
  min: 0,
  max: 86_400,
  unit: 's',
  integer: false,
};
/** The composer's interval sender. */
export const HEARTBEAT_MS_RANGE: NumberRange = {
  label: 'Interval (ms)',
  min: 100,
  max: 3_600_000,
  unit: 'ms',
  integer: true,
};

export type RangeCheck = { ok: true; value: number } | { ok: false; message: string };

export function rangeSentence(r: NumberRange): string {
  return `${r.integer ? 'a whole number' : 'a number'} from ${r.min.toLocaleString('en-US')} to ${r.max.toLocaleString('en-US')} ${r.unit}`;
}

/** Checks a number (or the text of a number field) against its range. */
export function checkRange(input: number | string, r: NumberRange): RangeCheck {
  const text = typeof input === 'string' ? input.trim() : String(input);
  const value = typeof input === 'number' ? input : text === '' ? Number.NaN : Number(text);
  const shown = text === '' ? 'an empty field' : `“${text.slice(0, 40)}”`;
  if (!Number.isFinite(value))
    return { ok: false, message: `${r.label} must be ${rangeSentence(r)}; ${shown} is not a number.` };
  if (r.integer && !Number.isInteger(value))
    return { ok: false, message: `${r.label} must be ${rangeSentence(r)}; ${shown} has a fraction.` };
  if (value < r.min || value > r.max)
    return {
      ok: false,
      message: `${r.label} must be ${rangeSentence(r)}; ${shown} is ${value < r.min ? 'below' : 'above'} that.`,
    };
  return { ok: true, value };
}

/** The value when it is in range, else `fallback` (for values that arrive from storage, not from typing). */
export function inRangeOr(value: number, r: NumberRange, fallback: number): number {
  const checked = checkRange(value, r);
  return checked.ok ? checked.value : fallback;
}
