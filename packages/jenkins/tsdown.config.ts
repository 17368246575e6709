// Build config: the library (with declarations), the `ksm-step` binary, and the GitHub Action bundled for Node 20+.
import { packageConfig } from '@ksmkit/tsdown-config';
import { defineConfig } from 'tsdown';

export default defineConfig([
  packageConfig({ entry: { index: 'src/index.ts', 'cli/main': 'src/cli/main.ts' }, clean: ['dist/*', '!dist/action'] }),
  packageConfig({
    entry: { main: 'src/action/main.ts', post: 'src/action/post.ts' },
    outDir: 'dist/action',
    target: 'node20',
    dts: false,
    publint: false,
    sourcemap: false,
    deps: { alwaysBundle: [/.*/], neverBundle: [/^@aws-sdk\//, 'dbus-next'], onlyBundle: false },
  }),
]);
