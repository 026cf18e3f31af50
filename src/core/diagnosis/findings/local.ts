// Local findings (the token, the secret, the URL, the page) and how they enter the board once the server
// has answered: as they are, as the explanation of a refusal, behind another failure, or as accepted.
import type { CauseId } from '../types.ts';
import type { Confidence } from '../types.ts';
import type { Board } from '../board.ts';

export type FindingKind = 'token' | 'secret' | 'url' | 'page' | 'server';

export interface Finding {
  cause: CauseId;
  confidence: Confidence;
  evidence: string[];
  fix?: string[];
  kind: FindingKind;
}

export type LocalMode =
  /** Before Connect, or while connecting: as they are. */
  | 'as-is'
  /** The server refused the token: token findings explain it and rank first. */
  | 'explains'
  /** Something else failed first (unreachable, timeout): listed after it. */
  | 'secondary'
  /** The socket opened and stayed fine: the server accepted this token anyway. */
  | 'accepted';

export function addLocal(
  board: Board,
  findings: readonly Finding[],
  mode: LocalMode,
  extra: readonly string[] = [],
): void {
  for (const f of findings) {
    switch (mode) {
      case 'as-is':
        board.add(f.cause, f.confidence, f.evidence, { fix: f.fix ?? [] });
        break;
      case 'explains': {
        const explains =
          f.kind === 'token' ||
          f.kind === 'secret' ||
          f.kind === 'server' ||
          (f.kind === 'url' && f.confidence !== 'low');
        board.add(f.cause, f.confidence, explains ? [...f.evidence, ...extra] : f.evidence, {
          fix: f.fix ?? [],
          boost: explains && f.confidence === 'high' ? 60 : explains ? 20 : 0,
        });
        break;
      }
      case 'secondary':
        board.add(f.cause, f.confidence, f.evidence, { fix: f.fix ?? [], boost: -100 });
        break;
      case 'accepted':
        if (f.cause === 'token-missing' || f.cause === 'mixed-content' || f.kind === 'url') break;
        board.add(
          f.cause,
          'low',
          [
            ...f.evidence,
            'The server accepted the connection anyway (open fired), so it does not enforce this — or checks it later',
          ],
          {
            fix: f.fix ?? [],
            boost: -50,
          },
        );
        break;
    }
  }
}
