// Runner tests run small real binaries as subprocesses.
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { ...sharedTestConfig, name: 'runner' },
});
