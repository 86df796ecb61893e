import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// API_URL lets the dev and preview servers talk to a server on another port.
const server = process.env.API_URL ?? 'http://127.0.0.1:3000';

// Root is pinned to this folder so `vite build` works from the repo root as well as from web/.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    proxy: { '/api': server, '/docs': server, '/healthz': server },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB; it is split into the org route's chunk, so the warning is expected.
    chunkSizeWarningLimit: 1200,
    // dist/.vite/manifest.json maps source modules to chunks; bench/bundle-size.ts reads it per route
    manifest: true,
    // Two entries: the desktop console and the lighter phone pages (/m/…, no antd), served by the server.
    rolldownOptions: {
      input: {
        main: path.resolve(import.meta.dirname, 'index.html'),
        m: path.resolve(import.meta.dirname, 'm/index.html'),
      },
    },
  },
});
