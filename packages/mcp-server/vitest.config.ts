// MCP server tests drive the built binary with the SDK's own Client against a real vault process.
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { ...sharedTestConfig, name: 'mcp-server', include: ['src/**/*.test.ts', 'eval/**/*.test.ts'] },
});
