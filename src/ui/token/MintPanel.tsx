import type { HmacAlg } from '../../core/index.ts';
import { webCryptoAvailability } from '../../core/index.ts';
import { mint } from '../../store/actions.ts';
import { useConsole } from '../../store/store.ts';
import { Note } from '../shared/Note.tsx';

const algs: HmacAlg[] = ['HS256', 'HS384', 'HS512'];

export function MintPanel() {
  const payloadText = useConsole((s) => s.payloadText);
  const setPayloadText = useConsole((s) => s.setPayloadText);
  const alg = useConsole((s) => s.mintAlg);
  const setAlg = useConsole((s) => s.setMintAlg);
  const resetPayload = useConsole((s) => s.resetPayload);
  const error = useConsole((s) => s.mintError);
  const minting = useConsole((s) => s.minting);
  const crypto = webCryptoAvailability();

  return (
    <div className="space-y-2">
      {!crypto.ok ? <Note tone="error">{crypto.message}</Note> : null}
      <div>
        <label htmlFor="mint-payload" className="field-label">
          Payload
        </label>
        <textarea
          id="mint-payload"
          className="field h-32 resize-y font-mono text-xs"
          spellCheck={false}
          value={payloadText}
          onChange={(e) => setPayloadText(e.target.value)}
        />
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="mint-alg" className="field-label">
            Algorithm
          </label>
          <select id="mint-alg" className="field w-auto" value={alg} onChange={(e) => setAlg(e.target.value as HmacAlg)}>
            {algs.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <button type="button" className="btn-primary" onClick={() => void mint()} disabled={minting}>
          Mint token
        </button>
        <button type="button" className="btn-secondary" onClick={resetPayload}>
          Reset payload (iat now, exp +24 h)
        </button>
      </div>
      {error ? (
        <Note tone="error">
          <span role="alert">{error}</span>
        </Note>
      ) : null}
    </div>
  );
}
