import type { StateCreator } from 'zustand';
import { DEFAULT_REQUIRED_CLAIMS, analyzeToken } from '../core/index.ts';
import { derive } from './derive.ts';
import type { ConsoleState, TokenSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], TokenSlice>;

export const createTokenSlice: Slice = (set) => {
  const now = Date.now();
  return {
    tokenInput: '',
    secretText: '',
    secretEncoding: 'utf8',
    requiredClaims: [...DEFAULT_REQUIRED_CLAIMS],
    leewaySeconds: 0,
    rememberToken: false,
    now,
    analysis: analyzeToken('', { now }),
    verification: { key: '', state: 'idle' },
    verifyKeyMode: 'secret',
    publicKeyText: '',
    jwksUrl: '',
    jwks: { url: '', state: 'idle' },
    setVerifyKeyMode: (verifyKeyMode) => set((s) => derive(s, { verifyKeyMode })),
    setPublicKeyText: (publicKeyText) => set((s) => derive(s, { publicKeyText })),
    setJwksUrl: (jwksUrl) => set((s) => derive(s, { jwksUrl })),
    setTokenInput: (tokenInput) => set((s) => derive(s, { tokenInput })),
    setSecretText: (secretText) => set((s) => derive(s, { secretText })),
    setSecretEncoding: (secretEncoding) => set((s) => derive(s, { secretEncoding })),
    setRequiredClaims: (requiredClaims) => set((s) => derive(s, { requiredClaims })),
    setLeewaySeconds: (leewaySeconds) =>
      set((s) =>
        derive(s, { leewaySeconds: Number.isFinite(leewaySeconds) ? Math.max(0, leewaySeconds) : 0 }),
      ),
    setRememberToken: (rememberToken) => set({ rememberToken }),
    tick: (now) => set((s) => derive(s, { now })),
  };
};
