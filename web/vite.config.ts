import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// Everything the server answers; the dev server forwards it so that cookies stay same-origin.
const PROXIED = ['/api', '/docs', '/openapi.json', '/healthz'];

export default defineConfig(({ mode }) => {
  // GZ_API_TARGET lets a developer point the dev server at a second API instance (e.g. :3100).
  const target = loadEnv(mode, '.', '').GZ_API_TARGET ?? 'http://localhost:3000';
  const proxy = Object.fromEntries(PROXIED.map((path) => [path, { target }]));
  return {
    plugins: [react()],
    server: { proxy },
    preview: { proxy },
    build: {
      // Only the lazily loaded ECharts chunk passes Vite's 500 kB default; the warning would be noise.
      chunkSizeWarningLimit: 600,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              // React and the router change least often: one long-cached chunk used by every page.
              { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 20 },
              // ECharts is only reached through lazy pages; keeping it whole stops it leaking into the overview.
              { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 20 },
              // The default language's dictionary (the English one is a lazy chunk of its own, see src/i18n).
              { name: 'i18n-zh-CN', test: /src[\\/]i18n[\\/]zh-CN\.ts$/, priority: 20 },
            ],
          },
        },
      },
    },
  };
});
