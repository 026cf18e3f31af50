import { lazy, Suspense } from 'react';
import { ConnectionPanel } from '../ui/connection/ConnectionPanel.tsx';
import { Panel } from '../ui/shared/Panel.tsx';
import { RequiredClaims } from '../ui/token/RequiredClaims.tsx';
import { SecretInput } from '../ui/token/SecretInput.tsx';
import { TokenDetails } from '../ui/token/TokenDetails.tsx';
import { TokenInput } from '../ui/token/TokenInput.tsx';
import { TravelControls } from '../ui/travel/TravelControls.tsx';

// Loaded right after the first paint, so the first load stays small (BENCHMARKS.md): the first paint
// is what it takes to paste a token and connect.
const KeyboardShortcuts = lazy(() =>
  import('./KeyboardShortcuts.tsx').then((m) => ({ default: m.KeyboardShortcuts })),
);
const DiagnosisPanel = lazy(() =>
  import('../ui/diagnosis/DiagnosisPanel.tsx').then((m) => ({ default: m.DiagnosisPanel })),
);
const EventLog = lazy(() => import('../ui/log/EventLog.tsx').then((m) => ({ default: m.EventLog })));
const CopyCommand = lazy(() =>
  import('../ui/connection/CopyCommand.tsx').then((m) => ({ default: m.CopyCommand })),
);
const XrayStatus = lazy(() =>
  import('../ui/connection/XrayStatus.tsx').then((m) => ({ default: m.XrayStatus })),
);
const Composer = lazy(() => import('../ui/log/Composer.tsx').then((m) => ({ default: m.Composer })));
const MintPanel = lazy(() => import('../ui/token/MintPanel.tsx').then((m) => ({ default: m.MintPanel })));
const EncodingLab = lazy(() =>
  import('../ui/travel/EncodingLab.tsx').then((m) => ({ default: m.EncodingLab })),
);
const ConnectionTimeline = lazy(() =>
  import('../ui/pictures/ConnectionTimeline.tsx').then((m) => ({ default: m.ConnectionTimeline })),
);
const TokenLifetime = lazy(() =>
  import('../ui/pictures/TokenLifetime.tsx').then((m) => ({ default: m.TokenLifetime })),
);
const ProfilesPanel = lazy(() =>
  import('../ui/profiles/ProfilesPanel.tsx').then((m) => ({ default: m.ProfilesPanel })),
);
const TestMatrix = lazy(() => import('../ui/matrix/TestMatrix.tsx').then((m) => ({ default: m.TestMatrix })));
const SupportBundleButton = lazy(() =>
  import('../ui/support/SupportBundleButton.tsx').then((m) => ({ default: m.SupportBundleButton })),
);

export function App() {
  return (
    <div className="mx-auto max-w-[1600px] p-3 md:p-4">
      <header className="mb-3 flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-lg font-bold">
          wsjwt <span className="font-normal text-slate-500">console</span>
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Why does my WebSocket refuse this JWT? Paste or mint a token, connect, and read the diagnosis.
        </p>
        <div className="ml-auto self-center">
          <Suspense fallback={null}>
            <KeyboardShortcuts />
          </Suspense>
        </div>
      </header>
      <main className="grid gap-3 lg:grid-cols-2">
        <div className="min-w-0 space-y-3">
          <Panel title="Token">
            <div className="space-y-3">
              <TokenInput />
              <TokenDetails />
              <Suspense fallback={null}>
                <TokenLifetime />
              </Suspense>
              <RequiredClaims />
            </div>
          </Panel>
          <Panel title="Secret & verification">
            <SecretInput />
          </Panel>
          <Panel title="Mint a token">
            <Suspense fallback={null}>
              <MintPanel />
            </Suspense>
          </Panel>
          <Panel title="Where the token travels: encoding lab">
            <Suspense fallback={null}>
              <EncodingLab />
            </Suspense>
          </Panel>
        </div>
        <div className="min-w-0 space-y-3">
          <Panel title="Connection">
            <div className="space-y-3">
              <ConnectionPanel travel={<TravelControls />} />
              <Suspense fallback={null}>
                <CopyCommand />
              </Suspense>
              <Suspense fallback={null}>
                <XrayStatus />
              </Suspense>
              <Suspense fallback={null}>
                <ProfilesPanel />
              </Suspense>
            </div>
          </Panel>
          <Panel title="Diagnosis">
            <div className="space-y-3">
              <Suspense fallback={null}>
                <DiagnosisPanel />
              </Suspense>
              <Suspense fallback={null}>
                <SupportBundleButton />
              </Suspense>
            </div>
          </Panel>
          <Panel title="Event log">
            <div className="space-y-2">
              <Suspense fallback={null}>
                <ConnectionTimeline />
              </Suspense>
              <Suspense fallback={null}>
                <EventLog />
              </Suspense>
              <Suspense fallback={null}>
                <Composer />
              </Suspense>
            </div>
          </Panel>
        </div>
        <div className="min-w-0 lg:col-span-2">
          <Panel title="Server test matrix">
            <Suspense fallback={null}>
              <TestMatrix />
            </Suspense>
          </Panel>
        </div>
      </main>
    </div>
  );
}
