// Build config: the runtime-neutral root and the Node stream adapter (`./node`), ESM with declarations.
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(
  packageConfig({ entry: ['src/index.ts', 'src/node.ts'], platform: 'neutral', external: [/^node:/] }),
);
