// The architecture test reads the workspace from disk; it needs no build.
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { ...sharedTestConfig, name: 'architecture' },
});
