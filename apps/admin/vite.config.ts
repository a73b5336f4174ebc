import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves /graphql, /api (imports, exports) and /healthz; in development the SPA runs on
// Vite's port and forwards them, so the browser sees one origin just as in production.
const apiTarget = process.env.BAOPHU_API_URL ?? 'http://127.0.0.1:4000';
const proxy = {
  '/graphql': { target: apiTarget, changeOrigin: true },
  '/api': { target: apiTarget, changeOrigin: true },
  '/healthz': { target: apiTarget, changeOrigin: true },
};

/** Vendor groups split by how often they change, so an app release does not re-download MUI. */
const vendorChunks: Array<{ name: string; test: RegExp }> = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'mui', test: /[\\/]node_modules[\\/](@mui[\\/](?!x-)[^\\/]+|@emotion|@popperjs|react-transition-group)[\\/]/ },
  {
    name: 'react-admin',
    test: /[\\/]node_modules[\\/](react-admin|ra-[a-z-]+|@tanstack|react-hook-form|react-router|react-router-dom|node-polyglot|lodash|date-fns)[\\/]/,
  },
  { name: 'apollo', test: /[\\/]node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|tslib)[\\/]/ },
  // The charts of the reports page and dashboard (MUI X Charts and its d3 parts): only those pages need them. Last, so the
  // helpers it shares with MUI and react-admin stay in their chunks and it loads only with the charts.
  { name: 'charts', test: /[\\/]node_modules[\\/](@mui[\\/]x-[a-z-]+|d3-[a-z-]+|internmap|flatqueue|bezier-easing|reselect)[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // The workspace package is consumed from source: no build of packages/domain is needed.
      '@bao-phu/domain': fileURLToPath(new URL('../../packages/domain/src/index.ts', import.meta.url)),
    },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // react-admin alone is about 500 kB minified; it is its own vendor chunk, cached across releases.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorChunks.map(({ name, test }) => ({ name, test })),
        },
      },
    },
  },
});
