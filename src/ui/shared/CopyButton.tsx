import { useState } from 'react';

interface CopyButtonProps {
  /** The text to copy, or a function producing it at click time. */
  text: string | (() => string);
  label: string;
  className?: string;
  disabled?: boolean;
}

export function CopyButton({ text, label, className = '', disabled }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = async () => {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" onClick={onClick} disabled={disabled} className={`btn-secondary ${className}`}>
      {label}
      <span aria-live="polite" className="ml-1 text-xs text-emerald-600 dark:text-emerald-400">
        {state === 'copied' ? '✓ copied' : state === 'failed' ? '✗ clipboard blocked' : ''}
      </span>
    </button>
  );
}
