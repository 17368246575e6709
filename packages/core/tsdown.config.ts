// Build config: one ESM entry with declarations, checked by publint.
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  unbundle: true,
  format: 'esm',
  platform: 'neutral',
  dts: true,
  publint: true,
  sourcemap: true,
  clean: true,
});
