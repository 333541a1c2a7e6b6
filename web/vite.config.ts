import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  // The config is loaded from the repository root (`--config web/vite.config.ts`); the app lives here.
  root: import.meta.dirname,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd alone is ~680 kB minified; vendor chunks are cached across releases, so only growth beyond that matters.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/, priority: 20 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 10 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design)[\\/]/, priority: 10 },
            // antd's building blocks: a chunk of their own keeps both under the size warning and caches apart.
            { name: 'antd-base', test: /node_modules[\\/](@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime)[\\/]/, priority: 15 },
          ],
        },
      },
    },
  },
  server: {
    // The Host header must stay the dev server's: the API refuses state-changing requests whose Origin names
    // another host, and the string shorthand would rewrite Host to the target.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
