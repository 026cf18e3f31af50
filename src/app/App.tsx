import { lazy, Suspense, useState, type CSSProperties, type ReactNode } from 'react';
import { ConnectionPanel } from '../ui/connection/ConnectionPanel.tsx';
import { SplitHandle } from '../ui/shared/SplitHandle.tsx';
import { MintButton, MintError } from '../ui/token/MintButton.tsx';
import { RequiredClaims } from '../ui/token/RequiredClaims.tsx';
import { SecretInput } from '../ui/token/SecretInput.tsx';
import { TokenInput } from '../ui/token/TokenInput.tsx';
import { TravelControls } from '../ui/travel/TravelControls.tsx';
import type { ToolId } from './ToolTabs.tsx';

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
const ConnectionTimeline = lazy(() =>
  import('../ui/pictures/ConnectionTimeline.tsx').then((m) => ({ default: m.ConnectionTimeline })),
);
// Shows nothing until a token is pasted, so it never shifts the first paint.
const TokenDetails = lazy(() =>
  import('../ui/token/TokenDetails.tsx').then((m) => ({ default: m.TokenDetails })),
);
const TokenLifetime = lazy(() =>
  import('../ui/pictures/TokenLifetime.tsx').then((m) => ({ default: m.TokenLifetime })),
);
const DeepLinkNotice = lazy(() =>
  import('./DeepLinkNotice.tsx').then((m) => ({ default: m.DeepLinkNotice })),
);
// The tools' tab strip and panels: below the token, after the first paint.
const ToolsPane = lazy(() => import('./ToolsPane.tsx').then((m) => ({ default: m.ToolsPane })));
const SupportBundleButton = lazy(() =>
  import('../ui/support/SupportBundleButton.tsx').then((m) => ({ default: m.SupportBundleButton })),
);

const TAGLINE =
  'Why does my WebSocket refuse this JWT? Paste or mint a token, connect, and read the diagnosis.';

const card = 'rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900';

function PaneTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
      <h2 className="text-sm font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">
        {children}
      </h2>
      {actions}
    </div>
  );
}

/**
 * The workbench: the connection bar on top; the token (left) and the answer (right) side by side, each
 * scrolling inside itself, so at ≥ 1024 px the page itself never scrolls; the tools in tabs under the
 * token. Below 1024 px it stacks: connection, answer, token, tools.
 */
export function App() {
  const [tokenPercent, setTokenPercent] = useState(40);
  const [tool, setTool] = useState<ToolId>('composer');
  const split = { '--token-pane': `${tokenPercent}%` } as CSSProperties;
  return (
    <div className="relative flex min-h-dvh flex-col lg:h-dvh lg:overflow-hidden">
      <header className="relative shrink-0 border-b border-slate-200 bg-white px-3 pt-1.5 pb-2 dark:border-slate-800 dark:bg-slate-900">
        <ConnectionPanel
          lead={
            <h1 className="self-center pr-1 text-base font-bold whitespace-nowrap" title={TAGLINE}>
              wsjwt <span className="font-normal text-slate-600 dark:text-slate-400">console</span>
            </h1>
          }
          travel={
            <div className="min-w-64 flex-[0_1_auto]">
              <TravelControls />
            </div>
          }
          actions={
            <Suspense fallback={null}>
              <KeyboardShortcuts />
            </Suspense>
          }
          details={
            <>
              <Suspense fallback={null}>
                <CopyCommand />
              </Suspense>
              <div className="min-w-0 flex-[1_1_12rem]">
                <Suspense fallback={null}>
                  <XrayStatus />
                </Suspense>
              </div>
            </>
          }
        />
        <Suspense fallback={null}>
          <DeepLinkNotice />
        </Suspense>
      </header>
      <main className="flex min-h-0 flex-1 flex-col gap-3 p-3 lg:flex-row lg:gap-0" style={split}>
        <div className="order-2 flex min-w-0 flex-col gap-3 lg:order-none lg:w-(--token-pane) lg:shrink-0">
          <section
            aria-labelledby="token-pane-title"
            className={`${card} p-3 lg:min-h-0 lg:flex-1 lg:overflow-auto`}
          >
            <PaneTitle actions={<MintButton />}>Token</PaneTitle>
            <div className="space-y-3">
              <MintError />
              <TokenInput />
              <Suspense fallback={null}>
                <TokenDetails />
                <TokenLifetime />
              </Suspense>
              <RequiredClaims />
              <div className="border-t border-slate-200 pt-3 dark:border-slate-800">
                <h2 className="mb-2 text-sm font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">
                  Secret &amp; verification
                </h2>
                <SecretInput />
              </div>
            </div>
          </section>
          <section
            aria-label="Tools"
            className={`${card} flex min-h-96 flex-col lg:h-[40%] lg:min-h-0 lg:shrink-0`}
          >
            <Suspense fallback={null}>
              <ToolsPane selected={tool} onSelect={setTool} />
            </Suspense>
          </section>
        </div>
        <SplitHandle
          label="Resize the token pane"
          value={tokenPercent}
          min={25}
          max={65}
          onChange={setTokenPercent}
        />
        <div className="order-1 flex min-w-0 flex-col gap-3 lg:order-none lg:min-h-0 lg:flex-1">
          <section className={`${card} shrink-0 p-3 lg:max-h-[54%] lg:overflow-auto`}>
            <PaneTitle
              actions={
                <Suspense fallback={null}>
                  <SupportBundleButton />
                </Suspense>
              }
            >
              Diagnosis
            </PaneTitle>
            <Suspense fallback={null}>
              <DiagnosisPanel />
            </Suspense>
          </section>
          <section className={`${card} flex min-h-0 flex-col p-3 lg:flex-1`}>
            <div className="flex min-h-0 flex-1 flex-col gap-2">
              <Suspense fallback={null}>
                <ConnectionTimeline />
              </Suspense>
              <Suspense fallback={null}>
                <EventLog />
              </Suspense>
            </div>
          </section>
        </div>
      </main>
    </div>
  );
}
