// Build config: the ksmkit-edge CLI only (wrangler bundles the Worker itself).
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(packageConfig({ entry: ['src/cli/main.ts'], dts: false, platform: 'node' }));
