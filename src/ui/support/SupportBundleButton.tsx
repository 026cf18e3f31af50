import { useState } from 'react';
import { version } from '../../../package.json';
import { buildSupportBundle, placeToken, protocolInfo } from '../../core/index.ts';
import { verificationKey } from '../../store/derive.ts';
import { useConsole } from '../../store/store.ts';
import { connectionPayloadTemplate } from '../../store/travel.ts';
import type { ConsoleState } from '../../store/types.ts';

/** The bundle for the console as it is now. The secret goes in only so it can be scrubbed from the output. */
function currentBundle(s: ConsoleState): string {
  const triage =
    s.secretText !== '' && s.verification.key === verificationKey(s) ? s.verification.triage : undefined;
  const matrix = s.matrix;
  // What the current settings offer: the protocol's subprotocols, then the template's when the token goes there.
  const offered = placeToken({
    placement: s.tokenTravel,
    token: s.analysis.token,
    paramName: s.paramName,
    protocolSubprotocols: protocolInfo(s.appProtocol).subprotocols,
    subprotocolTemplate: s.subprotocolTemplate,
  }).protocols;
  return buildSupportBundle({
    now: Date.now(),
    version,
    userAgent: navigator.userAgent,
    pageOrigin: location.origin,
    serverUrl: s.serverUrl,
    paramName: s.paramName,
    connection: s.connection,
    analysis: s.analysis,
    secretText: s.secretText,
    secretEncoding: s.secretEncoding,
    triage,
    attempt: s.attempt,
    causes: s.causes,
    checklist: s.checklist,
    requiredClaims: s.requiredClaims,
    timeoutMs: s.timeoutMs,
    leewaySeconds: s.leewaySeconds,
    travel: {
      protocol: s.appProtocol,
      placement: s.tokenTravel,
      payloadTemplate: connectionPayloadTemplate(s),
      subprotocols: offered,
      // What the latest attempt's protocol said, when it spoke the protocol now chosen.
      ...(s.attempt?.protocol?.id === s.appProtocol && s.attempt.protocol.outcome !== undefined
        ? { outcome: s.attempt.protocol.outcome }
        : {}),
    },
    matrix:
      matrix && matrix.rows.length > 0
        ? { rows: matrix.rows, summary: matrix.summary, url: matrix.url }
        : undefined,
  });
}

/** Copies a redacted Markdown report (no secret, no token signature) to paste into an issue. */
export function SupportBundleButton() {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [preview, setPreview] = useState<string | null>(null);
  const copy = async () => {
    const text = currentBundle(useConsole.getState());
    try {
      await navigator.clipboard.writeText(text);
      setStatus('copied');
    } catch {
      // Clipboard blocked (permissions, insecure context): show the text to copy by hand.
      setStatus('failed');
      setPreview(text);
    }
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary" onClick={() => void copy()}>
          Copy support bundle
        </button>
        <button
          type="button"
          className="btn-secondary"
          aria-expanded={preview !== null}
          onClick={() => setPreview((p) => (p === null ? currentBundle(useConsole.getState()) : null))}
        >
          {preview === null ? 'Preview support bundle' : 'Hide support bundle'}
        </button>
        <span aria-live="polite" className="text-xs">
          {status === 'copied' ? (
            <span className="text-emerald-700 dark:text-emerald-400">
              ✓ Copied as Markdown: paste it into an issue. No secret, no token signature.
            </span>
          ) : status === 'failed' ? (
            <span className="text-rose-700 dark:text-rose-400">
              ✗ The clipboard is blocked: copy the text below by hand.
            </span>
          ) : null}
        </span>
      </div>
      {preview !== null ? (
        <textarea
          readOnly
          aria-label="Support bundle"
          value={preview}
          rows={14}
          className="field font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
      ) : null}
    </div>
  );
}
