// What every phase of the engine works on: the evidence, the facts read off it once, the board being
// filled, and the local findings waiting to be placed.
import type { Board } from '../board.ts';
import type { Facts } from '../facts.ts';
import type { Finding } from '../findings/local.ts';
import type { DiagnosisEvidence } from '../types.ts';

export interface Attempt {
  ev: DiagnosisEvidence;
  facts: Facts;
  board: Board;
  local: readonly Finding[];
  now: number;
}
