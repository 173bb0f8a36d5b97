import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');

export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    alias: {
      '@goodcom/protocol': path.join(root, 'libs/goodcom-protocol/src/index.ts'),
      '@shared/types': path.join(root, 'libs/shared-types/src/index.ts'),
    },
  },
  build: { outDir: path.join(here, 'dist'), emptyOutDir: true, sourcemap: true },
  server: {
    port: 4200,
    proxy: {
      '/api': 'http://localhost:3000',
      '/gc': 'http://localhost:3000',
    },
  },
});
