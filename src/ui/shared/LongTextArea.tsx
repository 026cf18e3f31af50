import { useLayoutEffect, useRef, type TextareaHTMLAttributes } from 'react';

type Props = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'defaultValue' | 'onChange' | 'onInput'
> & {
  value: string;
  /** The user's edit (not called for `readOnly` fields). */
  onValue?: (value: string) => void;
};

/**
 * A textarea for text that can be 64 KB long (a pasted token, the Connection URL that carries it).
 *
 * A controlled React textarea reads the DOM value back on every input and every render, and writes the
 * text a second time as the element's default value (its child text node): four copies of a 64 KB string
 * per keystroke, on top of laying it out (BENCHMARKS.md, "64 KB token"). This one is uncontrolled: the DOM
 * value is read once per input event, and written only when the value changed somewhere else (Mint, a
 * profile, cleaning) — in a layout effect, so the new text is there before the browser paints.
 */
export function LongTextArea({ value, onValue, ...rest }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // What the element holds now, as far as we know: what we wrote, or what the user's last input read.
  const shown = useRef<string | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || shown.current === value) return;
    el.value = value;
    shown.current = value;
  }, [value]);

  return (
    <textarea
      ref={ref}
      {...rest}
      onInput={
        onValue
          ? (e) => {
              const text = e.currentTarget.value;
              shown.current = text;
              onValue(text);
            }
          : undefined
      }
    />
  );
}
