import type { AsymmetricAlg, HmacAlg } from '../../core/index.ts';
import { ASYMMETRIC_ALGORITHMS, webCryptoAvailability } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { Note } from '../shared/Note.tsx';
import { MintKeyFields } from './MintKeyFields.tsx';

const algs: HmacAlg[] = ['HS256', 'HS384', 'HS512'];

export function MintPanel() {
  const payloadText = useConsole((s) => s.payloadText);
  const setPayloadText = useConsole((s) => s.setPayloadText);
  const alg = useConsole((s) => s.mintAlg);
  const setAlg = useConsole((s) => s.setMintAlg);
  const resetPayload = useConsole((s) => s.resetPayload);
  const signer = useConsole((s) => s.mintSigner);
  const setSigner = useConsole((s) => s.setMintSigner);
  const keyAlg = useConsole((s) => s.mintKeyAlg);
  const setKeyAlg = useConsole((s) => s.setMintKeyAlg);
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
      {signer === 'private-key' ? <MintKeyFields /> : null}
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="mint-signer" className="field-label">
            Sign with
          </label>
          <select
            id="mint-signer"
            className="field w-auto"
            value={signer}
            onChange={(e) => setSigner(e.target.value === 'private-key' ? 'private-key' : 'secret')}
          >
            <option value="secret">the Secret (HMAC)</option>
            <option value="private-key">a private key (RS/PS/ES/EdDSA)</option>
          </select>
        </div>
        <div>
          <label htmlFor="mint-alg" className="field-label">
            Algorithm
          </label>
          {signer === 'private-key' ? (
            <select
              id="mint-alg"
              className="field w-auto"
              value={keyAlg}
              onChange={(e) => setKeyAlg(e.target.value as AsymmetricAlg)}
            >
              {ASYMMETRIC_ALGORITHMS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          ) : (
            <select
              id="mint-alg"
              className="field w-auto"
              value={alg}
              onChange={(e) => setAlg(e.target.value as HmacAlg)}
            >
              {algs.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          )}
        </div>
        <button type="button" className="btn-secondary" onClick={resetPayload}>
          Reset payload (iat now, exp +24 h)
        </button>
      </div>
    </div>
  );
}
