// Build config: ESM entries with declarations; AWS and keyring are separate so the root never loads their SDKs.
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/aws.ts', 'src/keyring.ts'],
  format: 'esm',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});
