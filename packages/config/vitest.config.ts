// Config tests run in Node against real files, a real D-Bus session with gnome-keyring and moto_server.
import { sharedTestConfig } from '@ksmkit/vitest-config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { ...sharedTestConfig, name: 'config' },
});
