// Build config: the library entry and the `ksmkit-vault` bin, ESM with declarations.
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(packageConfig({ entry: ['src/index.ts', 'src/cli/main.ts'] }));
