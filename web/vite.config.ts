import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pruneCustomPropertiesPlugin } from './prune-custom-properties.ts';
import { stripDisplayNamesPlugin } from './strip-display-names.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The citizen web app (`index.html`) and the business portal (`zakelijk/index.html`, served under
// `/zakelijk/`), built together so they share one copy of React and the NL Design System. Both are
// served from the same origin as the API (`/v1`) and the OpenID
// Connect provider (`/oidc`), so it needs no CORS and its CSP can stay `'self'` only.
export default defineConfig(({ command }) => ({
  root,
  base: '/',
  // A build is always the production build, whatever NODE_ENV the caller has (vitest sets `test`,
  // which would otherwise bundle React's development build); `npx vite web` stays a development server.
  ...(command === 'build' && {
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { development: false } },
  }),
  plugins: [react(), pruneCustomPropertiesPlugin(), stripDisplayNamesPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be an inline script, which the CSP forbids; every browser we support has modulepreload.
    modulePreload: { polyfill: false },
    sourcemap: false,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { main: join(root, 'index.html'), portal: join(root, 'zakelijk', 'index.html') },
      // The NL Design System's React library is one large module: importing it has no side effect
      // that matters, so only the components the apps use stay (with its `displayName` statements
      // taken out by `strip-display-names.ts`).
      treeshake: {
        moduleSideEffects: (id: string) => !/node_modules\/@utrecht\/[^/]+-react\//.test(id),
      },
    },
  },
  server: {
    // `npx vite web` during development: the API and the login run on `npm start` (port 3000).
    proxy: { '/v1': 'http://localhost:3000', '/oidc': 'http://localhost:3000' },
  },
}));
