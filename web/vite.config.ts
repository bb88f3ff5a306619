import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is served by `rasd serve` under /app/, from web/dist. No source maps in the build:
// the bundle is public (it holds no data) but need not ship its sources.
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/v1': 'http://127.0.0.1:8080', '/c': 'http://127.0.0.1:8080' } },
});
