// Build config: ESM entries with declarations; AWS and keyring are separate so the root never loads their SDKs.
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig(packageConfig({ entry: ['src/index.ts', 'src/aws.ts', 'src/keyring.ts'] }));
