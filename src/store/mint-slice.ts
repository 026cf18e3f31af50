import type { StateCreator } from 'zustand';
import { defaultPayload } from '../core/index.ts';
import type { ConsoleState, MintSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], MintSlice>;

export const defaultPayloadText = (now: number) => JSON.stringify(defaultPayload(now), null, 2);

export const createMintSlice: Slice = (set) => ({
  payloadText: defaultPayloadText(Date.now()),
  mintAlg: 'HS256',
  mintError: null,
  minting: false,
  mintSigner: 'secret',
  mintKeyAlg: 'RS256',
  privateKeyText: '',
  generatingKeys: false,
  setMintSigner: (mintSigner) => set({ mintSigner, mintError: null }),
  setMintKeyAlg: (mintKeyAlg) => set({ mintKeyAlg, mintError: null }),
  setPrivateKeyText: (privateKeyText) => set({ privateKeyText, mintError: null }),
  setPayloadText: (payloadText) => set({ payloadText, mintError: null }),
  setMintAlg: (mintAlg) => set({ mintAlg }),
  resetPayload: () => set({ payloadText: defaultPayloadText(Date.now()), mintError: null }),
});
