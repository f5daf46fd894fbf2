/// <reference types="vitest/config" />
// Builds the single-page app that the mmsgate binary embeds and serves at "/".
// The API and NextAuth endpoints live on the same origin, so no base URL is baked in.
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

// `next-auth/react` reads these at module load to find its base path; in the browser it then uses
// the relative path ("/api/auth" by default, and SessionProvider's basePath). Leaving them
// undefined keeps it on the page's own origin instead of a URL frozen in at build time.
const nextAuthProcessEnv = {
  'process.env.NEXTAUTH_URL': 'undefined',
  'process.env.NEXTAUTH_URL_INTERNAL': 'undefined',
  'process.env.VERCEL_URL': 'undefined',
};

// `npm run dev` forwards API calls to a running mmsgate (default: the address `mmsgate serve` uses).
const devApiTarget = process.env.MMSGATE_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  define: nextAuthProcessEnv,
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': { target: devApiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server sends index.html for every non-API path; hashed names let it cache the rest forever.
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
