// Build config: the `ksmkit-mcp` binary and the leak evaluation script, ESM, no declarations.
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(packageConfig({ entry: ['src/main.ts'], dts: false, publint: false }));
