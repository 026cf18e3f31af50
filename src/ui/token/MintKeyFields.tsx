import { useState, type CSSProperties } from 'react';
import { generateKeys } from '../../store/key-actions.ts';
import { useConsole } from '../../store/store.ts';

/** The private key the mint panel signs with, and a key pair generator for trying RS/PS/ES/EdDSA servers. */
export function MintKeyFields() {
  const text = useConsole((s) => s.privateKeyText);
  const setText = useConsole((s) => s.setPrivateKeyText);
  const alg = useConsole((s) => s.mintKeyAlg);
  const generating = useConsole((s) => s.generatingKeys);
  const [shown, setShown] = useState(false);
  const masked = { WebkitTextSecurity: shown || text === '' ? 'none' : 'disc' } as CSSProperties;
  return (
    <div className="space-y-1">
      <div className="flex items-end justify-between gap-2">
        <label htmlFor="mint-private-key" className="field-label">
          Private key
        </label>
        <div className="mb-1 flex gap-2">
          <button
            type="button"
            className="btn-secondary px-2 py-0.5 text-xs"
            aria-pressed={shown}
            onClick={() => setShown(!shown)}
          >
            {shown ? 'Hide private key' : 'Show private key'}
          </button>
          <button
            type="button"
            className="btn-secondary px-2 py-0.5 text-xs"
            onClick={() => void generateKeys()}
            disabled={generating}
          >
            Generate key pair
          </button>
        </div>
      </div>
      <textarea
        id="mint-private-key"
        rows={4}
        className="field resize-y font-mono text-xs"
        style={masked}
        placeholder={'-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----  (or a JWK with "d")'}
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Generate key pair makes a {alg} pair in this tab: the private key signs here, the public key goes to
        Verification key → Public key. Neither is stored. Never paste a production private key into a web
        page.
      </p>
    </div>
  );
}
