import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// `npm run dev` serves the app with hot reload and forwards /api to a running `parley serve`
// (PARLEY_URL, default http://127.0.0.1:8080), so the session cookie and the event stream just work.
const target = process.env.PARLEY_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  server: {
    port: 5173,
    proxy: { '/api': { target, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
