// Build config: the `ksm` and `lkru` binaries, ESM.
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { 'ksm/main': 'src/ksm/main.ts', 'lkru/main': 'src/lkru/main.ts' },
  format: 'esm',
  platform: 'node',
  dts: false,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});
