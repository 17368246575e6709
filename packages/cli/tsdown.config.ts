// Build config: the `ksm` and `lkru` binaries, ESM (no declarations: the package exports no API).
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(
  packageConfig({ entry: { 'ksm/main': 'src/ksm/main.ts', 'lkru/main': 'src/lkru/main.ts' }, dts: false }),
);
