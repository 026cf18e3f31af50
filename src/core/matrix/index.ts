// The server auth test matrix: variants a correct server must accept (one) or reject, and the verdicts.
export { buildMatrixVariants, MATRIX_WRONG_SECRET } from './variants.ts';
export { describeMatrixOutcome, judgeMatrixOutcome, matrixAccepted } from './judge.ts';
export { summarizeMatrix } from './summary.ts';
export { MATRIX_MAX_CONNECT_TIMEOUT_MS, MATRIX_OBSERVE_MS } from './timing.ts';
export type {
  MatrixInconclusiveReason,
  MatrixInput,
  MatrixJudgeContext,
  MatrixOutcome,
  MatrixPlan,
  MatrixSkippedVariant,
  MatrixSummary,
  MatrixUpgradeEvidence,
  MatrixVariant,
  MatrixVariantKind,
  MatrixVerdict,
  MatrixVerdictState,
} from './types.ts';
