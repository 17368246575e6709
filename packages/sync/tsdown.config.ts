// Build config: the library entry (with declarations) and the `ksm-sync` binary.
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(packageConfig({ entry: ['src/index.ts', 'src/main.ts'] }));
