import { lazy, Suspense } from 'react';
import { useConsole } from '../../store/store.ts';

// Not needed for a first visit (the relay's adapter, the cookie rules): loaded when the placement is chosen.
const CookieNote = lazy(() => import('./CookieNote.tsx').then((m) => ({ default: m.CookieNote })));
const HeaderNote = lazy(() => import('./HeaderNote.tsx').then((m) => ({ default: m.HeaderNote })));

/** What the browser can do with the chosen placement: a cookie only for a same-site server, the
 * Authorization header only through the local relay. Said before Connect, not after a failure. */
export function TravelNote() {
  const travel = useConsole((s) => s.tokenTravel);
  if (travel === 'cookie')
    return (
      <Suspense fallback={null}>
        <CookieNote />
      </Suspense>
    );
  if (travel === 'header')
    return (
      <Suspense fallback={null}>
        <HeaderNote />
      </Suspense>
    );
  return null;
}
