// The server auth test matrix runner: opens one real browser WebSocket per token variant, one after another,
// outside React, and writes what the server did into the store. Each variant is sent the way the server
// expects it — the current Protocol and Token travels in (matrix-probe.ts). These sockets are not the
// console's connection: they never touch the event log or the current attempt, so the diagnosis is left alone.
import {
  buildConnectionUrl,
  buildMatrixVariants,
  judgeMatrixOutcome,
  MATRIX_MAX_CONNECT_TIMEOUT_MS,
  matrixAccepted,
  PLACEMENTS,
  protocolClient,
  redactUrlToken,
  summarizeMatrix,
  type MatrixJudgeContext,
  type MatrixOutcome,
  type MatrixUpgradeEvidence,
} from '../core/index.ts';
import { matrixTarget, probeTarget } from './matrix-probe.ts';
import { useConsole } from './store.ts';
import type { MatrixRow, MatrixRun } from './types.ts';
import { runXray } from './xray.ts';

let runCounter = 0;
let active: { id: number; abort: AbortController } | null = null;

function updateRun(id: number, update: (run: MatrixRun) => MatrixRun): void {
  useConsole.setState((s) => (s.matrix?.id === id ? { matrix: update(s.matrix) } : {}));
}

function updateRow(id: number, index: number, update: (row: MatrixRow) => MatrixRow): void {
  updateRun(id, (run) => ({ ...run, rows: run.rows.map((row, i) => (i === index ? update(row) : row)) }));
}

function httpOrigin(wsUrl: string): string | null {
  try {
    const u = new URL(wsUrl);
    return `${u.protocol === 'wss:' ? 'https:' : 'http:'}//${u.host}`;
  } catch {
    return null;
  }
}

/** Without the x-ray: a no-cors fetch of the same host and port tells "nothing listening" (rejected) from
 * "something answered HTTP" (an opaque response), though not what it said to the upgrade. */
async function reachabilityEvidence(wsUrl: string, timeoutMs: number): Promise<MatrixUpgradeEvidence> {
  const origin = httpOrigin(wsUrl);
  if (!origin) return { kind: 'unknown' };
  try {
    await fetch(`${origin}/`, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    return { kind: 'reachable' };
  } catch (err) {
    if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError'))
      return { kind: 'unknown' };
    return { kind: 'unreachable', detail: `an HTTP request to ${origin} failed` };
  }
}

/**
 * A page sees a closed port and a refused upgrade alike (error + 1006). The x-ray (under `npm start` /
 * `vite preview`) repeats the upgrade from Node and reads its HTTP answer; without it, a reachability
 * check at least tells whether anything listens there.
 */
export async function upgradeEvidence(wsUrl: string, timeoutMs: number): Promise<MatrixUpgradeEvidence> {
  const answer = await runXray(wsUrl, timeoutMs);
  if (answer?.xray) {
    const { status, statusText, headers, body } = answer.xray;
    return { kind: 'http', status, statusText, headers, body };
  }
  if (answer?.outcome === 'failed' && answer.timings?.tcpConnectMs === undefined) {
    const error = answer.events.findLast((e) => e.type === 'error');
    return { kind: 'unreachable', detail: error?.message ?? 'the TCP connection was not accepted' };
  }
  return reachabilityEvidence(wsUrl, timeoutMs);
}

/** What the judge knows from the rows already run: whether the good token got through. */
function judgeContext(rows: readonly MatrixRow[]): MatrixJudgeContext {
  const good = rows.find((r) => r.variant.expected === 'accept');
  return { goodAccepted: matrixAccepted(good?.outcome) };
}

export function isMatrixRunning(): boolean {
  return active !== null;
}

/**
 * Runs the matrix against the current Server URL and token parameter: mints the variants from the current
 * token and Secret, then sends them one after another. Returns when done or cancelled.
 */
export async function runMatrix(options: { observeMs?: number } = {}): Promise<void> {
  if (active) return;
  const s = useConsole.getState();
  const id = ++runCounter;
  const abort = new AbortController();
  active = { id, abort };
  const observeMs = options.observeMs ?? s.matrixObserveMs;
  const connectTimeoutMs = Math.max(100, Math.min(s.timeoutMs, MATRIX_MAX_CONNECT_TIMEOUT_MS));
  // The settings the variants are sent with, fixed for the run.
  const travel = {
    serverUrl: s.serverUrl,
    paramName: s.paramName,
    appProtocol: s.appProtocol,
    tokenTravel: s.tokenTravel,
    connectionPayload: s.connectionPayload,
    subprotocolTemplate: s.subprotocolTemplate,
  };
  const { serverUrl, paramName } = s;
  // The address the variants go to, shown with the token redacted (in the query only when it travels there).
  const address = protocolClient(travel.appProtocol).connectionUrl(serverUrl);
  const probe = buildConnectionUrl({
    serverUrl: address.ok ? address.url : serverUrl,
    paramName,
    token: travel.tokenTravel === 'query' ? 'x' : '',
  });
  const run: MatrixRun = {
    id,
    state: 'preparing',
    url: probe.ok ? redactUrlToken(probe.url, paramName) : serverUrl,
    travel: `${protocolClient(travel.appProtocol).label}, token in ${PLACEMENTS[travel.tokenTravel].where}`,
    startedAt: Date.now(),
    rows: [],
    skipped: [],
    base: { source: 'none', explanation: '' },
    notes: [],
    observeMs,
    connectTimeoutMs,
  };
  useConsole.setState({ matrix: run });

  try {
    if (!probe.ok) {
      updateRun(id, (r) => ({
        ...r,
        state: 'error',
        error: `The Server URL cannot be used: ${probe.message}`,
      }));
      return;
    }
    const plan = await buildMatrixVariants({
      token: s.analysis.token,
      secret: s.secretText === '' ? null : { text: s.secretText, encoding: s.secretEncoding },
      requiredClaims: s.requiredClaims,
      now: Date.now(),
    });
    if (abort.signal.aborted) {
      updateRun(id, (r) => ({ ...r, state: 'cancelled' }));
      return;
    }
    updateRun(id, (r) => ({
      ...r,
      state: 'running',
      rows: plan.variants.map((variant) => ({ variant, state: 'pending' })),
      skipped: plan.skipped,
      base: plan.base,
      notes: plan.notes,
    }));
    if (plan.variants.length === 0) {
      updateRun(id, (r) => ({
        ...r,
        state: 'error',
        error: plan.base.explanation || 'No token variants could be made.',
      }));
      return;
    }

    for (const [index, variant] of plan.variants.entries()) {
      updateRow(id, index, (row) => ({ ...row, state: 'running' }));
      const sent = matrixTarget(travel, variant.token, location.href);
      let outcome: MatrixOutcome = sent.ok
        ? await probeTarget(sent.target, { connectTimeoutMs, observeMs, signal: abort.signal })
        : sent.outcome;
      // The relay already reported the upgrade's answer; a browser's refusal is looked into once more.
      if (outcome.kind === 'refused' && outcome.upgrade === undefined && sent.ok && !abort.signal.aborted)
        outcome = { ...outcome, upgrade: await upgradeEvidence(sent.target.url, connectTimeoutMs) };
      const done = outcome;
      updateRun(id, (r) => ({
        ...r,
        rows: r.rows.map((row, i) =>
          i === index
            ? {
                ...row,
                state: 'done',
                outcome: done,
                verdict: judgeMatrixOutcome(variant, done, judgeContext(r.rows)),
              }
            : row,
        ),
      }));
      if (abort.signal.aborted) break;
    }

    updateRun(id, (r) => {
      const context = judgeContext(r.rows);
      const rows = r.rows.map((row): MatrixRow => {
        const outcome: MatrixOutcome = row.outcome ?? { kind: 'cancelled' };
        return { ...row, state: 'done', outcome, verdict: judgeMatrixOutcome(row.variant, outcome, context) };
      });
      return {
        ...r,
        rows,
        state: abort.signal.aborted ? 'cancelled' : 'done',
        summary: summarizeMatrix(rows),
      };
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    updateRun(id, (r) => ({ ...r, state: 'error', error: `The matrix stopped: ${message}` }));
  } finally {
    if (active?.id === id) active = null;
  }
}

/** Stops the running matrix: the current socket is closed, the remaining variants are not sent. */
export function cancelMatrix(): void {
  active?.abort.abort();
}
