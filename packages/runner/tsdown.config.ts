// Build config: one ESM entry with declarations.
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(packageConfig({ entry: ['src/index.ts'] }));
