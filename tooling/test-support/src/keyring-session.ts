// Test support: a private D-Bus session (no service activation) with a real gnome-keyring, all stopped by PID.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running private session bus, optionally with gnome-keyring on it. */
export interface KeyringSession {
  /** Environment for clients: DBUS_SESSION_BUS_ADDRESS, HOME and XDG dirs of the throwaway keyring. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
    process.kill(child.pid, 'SIGTERM');
  await exited(child);
}

/** Starts `dbus-daemon --nofork` with a config that activates no services; resolves with its address. */
async function startBus(home: string): Promise<{ address: string; child: ChildProcess }> {
  const config = join(home, 'session.conf');
  await writeFile(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=${home}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
  );
  const child = spawn('dbus-daemon', ['--config-file', config, '--print-address=1', '--nofork'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', () => reject(new Error('dbus-daemon exited')));
  });
  return { address, child };
}

/** Resolves once org.freedesktop.secrets answers a ping on the session bus of `env`. */
function secretServiceAnswers(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.DBus.Peer.Ping',
      ],
      { env },
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

/** A private session bus without any Secret Service on it. */
export async function startBareBus(): Promise<KeyringSession> {
  const home = await mkdtemp(join(tmpdir(), 'ksmkit-bus-'));
  const { address, child } = await startBus(home);
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address, HOME: home },
    stop: async () => {
      await stopChild(child);
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** A private session bus with `gnome-keyring-daemon --unlock --components=secrets` (password on stdin). */
export async function startKeyring(password = 'test-password'): Promise<KeyringSession> {
  const home = await mkdtemp(join(tmpdir(), 'ksmkit-keyring-'));
  const { address, child: bus } = await startBus(home);
  const env = {
    DBUS_SESSION_BUS_ADDRESS: address,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_RUNTIME_DIR: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    PATH: process.env.PATH ?? '/usr/bin:/bin',
  };
  const keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--foreground'], {
    env,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  keyring.stdin?.end(password);
  const stop = async () => {
    await stopChild(keyring);
    await stopChild(bus);
    await rm(home, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await secretServiceAnswers(env);
      return { env, stop };
    } catch (error) {
      if (keyring.exitCode !== null || attempt > 100) {
        await stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Runs `secret-tool` in the session; `input` goes to stdin (never argv). Resolves with stdout, or with stdout
 * and stderr together when `withStderr` (`search` prints attributes on stderr). */
export function secretTool(
  env: Record<string, string>,
  args: string[],
  input?: string,
  withStderr = false,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('secret-tool', args, { env }, (error, stdout, stderr) =>
      error ? reject(error) : resolve(withStderr ? stdout + stderr : stdout),
    );
    child.stdin?.end(input ?? '');
  });
}
