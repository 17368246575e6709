// ksm-step tests run the built binary, the Groovy library and the action entry against a real vault.
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { ...sharedTestConfig, name: 'jenkins' },
});
