import type { StateCreator } from 'zustand';
import { guidePayload } from '../core/index.ts';
import type { ConsoleState, MintSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], MintSlice>;

export const guidePayloadText = (now: number) => JSON.stringify(guidePayload(now), null, 2);

export const createMintSlice: Slice = (set) => ({
  payloadText: guidePayloadText(Date.now()),
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
  resetPayload: () => set({ payloadText: guidePayloadText(Date.now()), mintError: null }),
});
