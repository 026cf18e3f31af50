// The fault scenarios' names and descriptions, derived from the one registry (faults/registry.ts): the
// server's router, /health, `npm run server --help` and `wsjwt serve --fault` all read these.
import { FAULT_SCENARIOS } from './faults/registry.ts';
import type { FaultScenario } from './faults/hooks.ts';

export type FaultName = keyof typeof FAULT_SCENARIOS;

/** Every fault, in the registry's order. */
export const FAULT_NAMES = Object.keys(FAULT_SCENARIOS) as readonly FaultName[];

export const FAULT_DESCRIPTIONS: Readonly<Record<FaultName, string>> = Object.fromEntries(
  FAULT_NAMES.map((name) => [name, FAULT_SCENARIOS[name].description]),
) as Record<FaultName, string>;

export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && Object.hasOwn(FAULT_SCENARIOS, value);
}

/** The scenario's hooks; none for no fault. */
export function faultScenario(name: FaultName | undefined): FaultScenario {
  return name === undefined ? NO_FAULT : FAULT_SCENARIOS[name];
}

const NO_FAULT: FaultScenario = { description: 'No fault: the guide’s server.' };
