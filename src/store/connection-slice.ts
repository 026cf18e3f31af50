import type { StateCreator } from 'zustand';
import {
  buildConnectionUrl,
  buildSubprotocols,
  checkRange,
  DEFAULT_SUBPROTOCOL_TEMPLATE,
  TIMEOUT_MS_RANGE,
} from '../core/index.ts';
import { derive } from './derive.ts';
import type { ConnectionSlice, ConsoleState } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], ConnectionSlice>;

export const DEFAULT_SERVER_URL = 'ws://localhost:3000';
export const DEFAULT_PARAM = 'token';
export const DEFAULT_TIMEOUT_MS = 10_000;

export const createConnectionSlice: Slice = (set) => ({
  serverUrl: DEFAULT_SERVER_URL,
  paramName: DEFAULT_PARAM,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  connection: buildConnectionUrl({ serverUrl: DEFAULT_SERVER_URL, paramName: DEFAULT_PARAM, token: '' }),
  socketState: 'idle',
  attempt: null,
  restoredUrlNote: null,
  commandError: null,
  appProtocol: 'plain',
  connectionPayload: null,
  setAppProtocol: (appProtocol) =>
    set((s) =>
      derive(s, {
        appProtocol,
        connectionPayload: null,
        // A protocol carries the token in its own first message; a plain socket in the query by default.
        tokenTravel:
          appProtocol !== 'plain' && s.tokenTravel === 'query'
            ? 'first-message'
            : appProtocol === 'plain' && s.tokenTravel === 'first-message' && s.appProtocol !== 'plain'
              ? 'query'
              : s.tokenTravel,
      }),
    ),
  setConnectionPayload: (connectionPayload) => set((s) => derive(s, { connectionPayload })),
  relayHeaders: '',
  setRelayHeaders: (relayHeaders) => set({ relayHeaders }),
  tokenTravel: 'query',
  subprotocolTemplate: DEFAULT_SUBPROTOCOL_TEMPLATE,
  subprotocols: buildSubprotocols(DEFAULT_SUBPROTOCOL_TEMPLATE, ''),
  setTokenTravel: (tokenTravel) => set((s) => derive(s, { tokenTravel })),
  setSubprotocolTemplate: (subprotocolTemplate) => set((s) => derive(s, { subprotocolTemplate })),
  setServerUrl: (serverUrl) => set((s) => derive(s, { serverUrl })),
  setParamName: (paramName) => set((s) => derive(s, { paramName })),
  // Out of range is refused, not clamped: the field says the range (RangeNumberField).
  setTimeoutMs: (ms) => set((s) => (checkRange(ms, TIMEOUT_MS_RANGE).ok ? derive(s, { timeoutMs: ms }) : {})),
});
