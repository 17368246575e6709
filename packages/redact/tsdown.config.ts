// Build config: the runtime-neutral root and the Node stream adapter (`./node`), ESM with declarations.
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: 'esm',
  platform: 'neutral',
  external: [/^node:/],
  dts: true,
  publint: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});
