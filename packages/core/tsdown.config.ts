// Build config: the root and the lean `./session` client twice — one module per source file for bundlers (tree-shaking,
// with declarations, checked by publint), and one bundle with a shared chunk for Node (one file to load at start-up).
import { defineConfig } from 'tsdown';

const entry = ['src/index.ts', 'src/session.ts'];

export default defineConfig([
  {
    entry,
    unbundle: true,
    format: 'esm',
    platform: 'neutral',
    dts: true,
    publint: true,
    sourcemap: true,
    clean: true,
  },
  {
    entry,
    outDir: 'dist/node',
    format: 'esm',
    platform: 'neutral',
    dts: false,
    sourcemap: true,
    clean: false,
  },
]);
