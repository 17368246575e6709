// CLI tests run the built binaries as subprocesses against real vaults, keyrings and moto_server.
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { ...sharedTestConfig, name: 'cli' },
});
