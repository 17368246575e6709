// Build config: the library (with declarations) and the `ksm-step` binary.
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(packageConfig({ entry: { index: 'src/index.ts', 'cli/main': 'src/cli/main.ts' } }));
