// Detects whether this process runs inside a container (Docker, Podman, Kubernetes, containerd).
import { access, readFile } from 'node:fs/promises';

/**
 * True inside a container: `/.dockerenv` or `/run/.containerenv` exists, the `container` variable is set
 * (Podman, systemd-nspawn), Kubernetes' service host variable is set, or PID 1's cgroup names a container runtime.
 *
 * @example
 * if (await detectContainer(process.env)) console.log('container');
 */
export async function detectContainer(env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  if (env.container || env.KUBERNETES_SERVICE_HOST) return true;
  for (const marker of ['/.dockerenv', '/run/.containerenv']) {
    try {
      await access(marker);
      return true;
    } catch {
      // not this runtime
    }
  }
  try {
    return /docker|kubepods|containerd|libpod|lxc/.test(await readFile('/proc/1/cgroup', 'utf8'));
  } catch {
    return false;
  }
}
