import { ConnectionPanel } from '../ui/connection/ConnectionPanel.tsx';
import { DiagnosisPanel } from '../ui/diagnosis/DiagnosisPanel.tsx';
import { Composer } from '../ui/log/Composer.tsx';
import { EventLog } from '../ui/log/EventLog.tsx';
import { Panel } from '../ui/shared/Panel.tsx';
import { MintPanel } from '../ui/token/MintPanel.tsx';
import { RequiredClaims } from '../ui/token/RequiredClaims.tsx';
import { SecretInput } from '../ui/token/SecretInput.tsx';
import { TokenDetails } from '../ui/token/TokenDetails.tsx';
import { TokenInput } from '../ui/token/TokenInput.tsx';

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
      </header>
      <main className="grid gap-3 lg:grid-cols-2">
        <div className="min-w-0 space-y-3">
          <Panel title="Token">
            <div className="space-y-3">
              <TokenInput />
              <TokenDetails />
              <RequiredClaims />
            </div>
          </Panel>
          <Panel title="Secret & verification">
            <SecretInput />
          </Panel>
          <Panel title="Mint a token">
            <MintPanel />
          </Panel>
        </div>
        <div className="min-w-0 space-y-3">
          <Panel title="Connection">
            <ConnectionPanel />
          </Panel>
          <Panel title="Diagnosis">
            <DiagnosisPanel />
          </Panel>
          <Panel title="Event log">
            <div className="space-y-2">
              <EventLog />
              <Composer />
            </div>
          </Panel>
        </div>
      </main>
    </div>
  );
}
