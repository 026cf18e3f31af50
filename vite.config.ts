import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { xrayPlugin } from './src/node/xray/plugin.ts';
import { cspPlugin, devFramingPlugin } from './src/node/csp/plugin.ts';
import { compileHintsPlugin } from './src/node/build/compile-hints.ts';

export default defineConfig({
  // xrayPlugin: POST /__wsjwt/xray and the relay's WebSocket at /__wsjwt/relay under dev and preview (see
  // src/node/xray, src/node/relay). Both servers stay on loopback.
  // cspPlugin: CSP meta tag in the build, header in preview; devFramingPlugin: frame-ancestors 'none' in dev;
  // compileHintsPlugin: the entry chunk compiled eagerly
  plugins: [react(), tailwindcss(), xrayPlugin(), cspPlugin(), devFramingPlugin(), compileHintsPlugin()],
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: {
    target: 'es2022',
    sourcemap: false,
    // Every browser that runs the console preloads modules natively.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // src/core is pure (lint-enforced): a module nobody uses is dropped even when core/index.ts
      // re-exports it, so lazily imported parts (diagnosis engine, jose, export) stay out of the first load.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]core[\\/]/.test(id) },
    },
  },
});
