// What the page (https → ws:// is mixed content) and GET /health (no JWT_SECRET) say.
import type { Facts } from '../facts.ts';
import type { DiagnosisEvidence } from '../types.ts';
import type { Finding } from './local.ts';

export function pageFindings(ev: DiagnosisEvidence, facts: Facts): Finding[] {
  if (ev.pageProtocol !== 'https:' || facts.scheme !== 'ws:') return [];
  return [
    {
      cause: 'mixed-content',
      confidence: facts.loopback ? 'medium' : 'high',
      kind: 'page',
      evidence: [
        `This page is served over https: and the Connection URL is ws://${facts.host ?? ''}: browsers block ws:// from https pages${
          facts.loopback ? ' (Chrome and Firefox make an exception for localhost; Safari does not)' : ''
        }`,
      ],
    },
  ];
}

export function serverFindings(ev: DiagnosisEvidence): Finding[] {
  if (ev.health?.jwtSecretSet === false) {
    return [
      {
        cause: 'secret-mismatch',
        confidence: 'high',
        kind: 'server',
        evidence: [
          'GET /health says jwtSecretSet: false — the server has no JWT_SECRET and can verify no token',
        ],
        fix: ["Set JWT_SECRET in the server's .env (JWT_SECRET=your_actual_jwt_secret_here) and restart it"],
      },
    ];
  }
  return [];
}
