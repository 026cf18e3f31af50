import type { StateCreator } from 'zustand';
import { MATRIX_OBSERVE_MS } from '../core/index.ts';
import type { ConsoleState, MatrixSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], MatrixSlice>;

/** Bounds of the observation window: long enough to see an auth close, short enough to finish. */
export const MATRIX_OBSERVE_MIN_MS = 200;
export const MATRIX_OBSERVE_MAX_MS = 30_000;

/** The server auth test matrix's results (written by the runner in matrix.ts) and its setting. Never persisted. */
export const createMatrixSlice: Slice = (set) => ({
  matrix: null,
  matrixObserveMs: MATRIX_OBSERVE_MS,
  setMatrixObserveMs: (ms) =>
    set({
      matrixObserveMs: Number.isFinite(ms)
        ? Math.min(MATRIX_OBSERVE_MAX_MS, Math.max(MATRIX_OBSERVE_MIN_MS, Math.round(ms)))
        : MATRIX_OBSERVE_MS,
    }),
});
