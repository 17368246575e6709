// Build config: the root and the lean `./session` client twice — one module per source file for bundlers (tree-shaking,
// with declarations, checked by publint), and one bundle with a shared chunk for Node (one file to load at start-up).
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

const entry = ['src/index.ts', 'src/session.ts'];

export default defineConfig([
  packageConfig({ entry, unbundle: true, platform: 'neutral' }),
  packageConfig({ entry, outDir: 'dist/node', platform: 'neutral', dts: false, publint: false, clean: false }),
]);
