/**
 * The console's build: served under /console/ by the local cloud (emulator/console.ts) and by static website
 * hosting in production. Output goes to web/dist (gitignored); scripts/build-console.ts runs this config.
 */
import path from 'node:path';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: __dirname,
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir: path.resolve(__dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Every browser the console supports has modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    // The manifest lets scripts/build-console.ts measure what the first screens load.
    manifest: true,
    sourcemap: false,
    reportCompressedSize: false,
    // Only the CloudBase web SDK and exceljs are this large, and both load on first use: the SDK in cloud mode
    // (web/src/services/transport.ts), exceljs when a roster is dropped (web/src/services/members-roster.ts).
    chunkSizeWarningLimit: 1000,
  },
  logLevel: 'warn',
});
