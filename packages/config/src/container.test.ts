import { describe, expect, it } from 'vitest';
import { detectContainer } from './container.js';

describe('detectContainer', () => {
  it('recognises Podman/systemd-nspawn and Kubernetes from the environment', async () => {
    expect(await detectContainer({ container: 'podman' })).toBe(true);
    expect(await detectContainer({ KUBERNETES_SERVICE_HOST: '10.0.0.1' })).toBe(true);
  });

  it('otherwise answers from the file system markers and always returns a boolean', async () => {
    expect(typeof (await detectContainer({}))).toBe('boolean');
  });
});
