import { useState } from 'react';
import { Note } from '../ui/shared/Note.tsx';
import { deepLinkNotices } from './deep-link.ts';

/** What the address's deep link could not apply, each in its own words; dismissable. */
export function DeepLinkNotice() {
  const [shown, setShown] = useState(deepLinkNotices);
  if (shown.length === 0) return null;
  return (
    <Note tone="warn" className="mt-2 flex items-start gap-2 py-1 text-xs">
      <ul className="min-w-0 flex-1 space-y-0.5" aria-label="Deep link">
        {shown.map((n) => (
          <li key={n.code} data-deep-link-notice={n.code}>
            {n.message}
          </li>
        ))}
      </ul>
      <button type="button" className="btn-secondary px-2 py-0.5 text-xs" onClick={() => setShown([])}>
        Dismiss
      </button>
    </Note>
  );
}
