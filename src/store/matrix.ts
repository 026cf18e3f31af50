// The server auth test matrix runner: opens one real browser WebSocket per token variant, one after another,
// outside React, and writes what the server did into the store. These sockets are not the console's
// connection: they never touch the event log or the current attempt, so the diagnosis is left alone.
import {
  buildConnectionUrl,
  buildMatrixVariants,
  judgeMatrixOutcome,
  MATRIX_MAX_CONNECT_TIMEOUT_MS,
  redactUrlToken,
  summarizeMatrix,
  type MatrixJudgeContext,
  type MatrixOutcome,
  type MatrixUpgradeEvidence,
} from '../core/index.ts';
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

interface ProbeOptions {
  connectTimeoutMs: number;
  observeMs: number;
  signal: AbortSignal;
}

/** Opens one socket and watches it: refused, closed soon after open, or still open after `observeMs`. */
export function probeVariant(url: string, o: ProbeOptions): Promise<MatrixOutcome> {
  return new Promise((resolve) => {
    if (o.signal.aborted) {
      resolve({ kind: 'cancelled' });
      return;
    }
    const t0 = performance.now();
    const elapsed = () => Math.round((performance.now() - t0) * 10) / 10;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      resolve({ kind: 'error', message: `${e.name}: ${e.message}` });
      return;
    }
    let settled = false;
    let openedAt: number | undefined;
    let errored = false;
    let messages = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const settle = (outcome: MatrixOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
      ws.onopen = null;
      ws.onmessage = null;
      ws.onerror = null;
      ws.onclose = null;
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) {
        ws.close(1000, 'wsjwt test matrix: done');
      }
      resolve(outcome);
    };
    const onAbort = () => settle({ kind: 'cancelled' });
    o.signal.addEventListener('abort', onAbort);

    timer = setTimeout(() => settle({ kind: 'timeout', afterMs: o.connectTimeoutMs }), o.connectTimeoutMs);
    ws.onopen = () => {
      const at = elapsed();
      openedAt = at;
      clearTimeout(timer);
      timer = setTimeout(
        () => settle({ kind: 'stayed-open', openedAfterMs: at, observedMs: o.observeMs, messages }),
        o.observeMs,
      );
    };
    ws.onmessage = () => {
      messages++;
    };
    ws.onerror = () => {
      errored = true;
    };
    ws.onclose = (e: CloseEvent) => {
      const at = elapsed();
      settle(
        openedAt === undefined
          ? {
              kind: 'refused',
              closedAfterMs: at,
              code: e.code,
              reason: e.reason,
              wasClean: e.wasClean,
              error: errored,
            }
          : {
              kind: 'closed-after-open',
              openedAfterMs: openedAt,
              closedAfterMs: at,
              code: e.code,
              reason: e.reason,
              wasClean: e.wasClean,
              messages,
            },
      );
    };
  });
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
  if (answer?.xray) return { kind: 'http', status: answer.xray.status, statusText: answer.xray.statusText };
  if (answer?.outcome === 'failed' && answer.timings?.tcpConnectMs === undefined) {
    const error = answer.events.findLast((e) => e.type === 'error');
    return { kind: 'unreachable', detail: error?.message ?? 'the TCP connection was not accepted' };
  }
  return reachabilityEvidence(wsUrl, timeoutMs);
}

/** What the judge knows from the rows already run: whether the good token got through. */
function judgeContext(rows: readonly MatrixRow[]): MatrixJudgeContext {
  const good = rows.find((r) => r.variant.expected === 'accept');
  return { goodAccepted: good?.outcome?.kind === 'stayed-open' };
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
  const { serverUrl, paramName } = s;
  const probeUrl = buildConnectionUrl({ serverUrl, paramName, token: 'x' });
  const run: MatrixRun = {
    id,
    state: 'preparing',
    url: probeUrl.ok ? redactUrlToken(probeUrl.url, paramName) : serverUrl,
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
    if (!probeUrl.ok) {
      updateRun(id, (r) => ({
        ...r,
        state: 'error',
        error: `The Server URL cannot be used: ${probeUrl.message}`,
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
      const url = buildConnectionUrl({ serverUrl, paramName, token: variant.token });
      let outcome: MatrixOutcome = url.ok
        ? await probeVariant(url.url, { connectTimeoutMs, observeMs, signal: abort.signal })
        : { kind: 'error', message: url.message };
      if (outcome.kind === 'refused' && url.ok && !abort.signal.aborted)
        outcome = { ...outcome, upgrade: await upgradeEvidence(url.url, connectTimeoutMs) };
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
