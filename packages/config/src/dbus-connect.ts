// Connecting to a D-Bus session bus with dbus-next, turning connection failures into ConfigError.
import type { MessageBus } from 'dbus-next';
import { sessionBus } from 'dbus-next';
import { ConfigError } from './errors.js';

/**
 * Connects to the D-Bus session bus at `address` and waits for the bus's Hello reply. Throws
 * `ERR_DBUS_UNAVAILABLE` when nothing answers within `timeoutMs`.
 *
 * @example
 * const bus = await connectSessionBus(env.DBUS_SESSION_BUS_ADDRESS, 10_000);
 */
export async function connectSessionBus(address: string, timeoutMs: number): Promise<MessageBus> {
  let bus: MessageBus;
  try {
    bus = sessionBus({ busAddress: address });
  } catch (cause) {
    throw noDbus(cause);
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(noDbus(new Error('timeout'))), timeoutMs);
    bus.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    bus.once('error', (cause: unknown) => {
      clearTimeout(timer);
      reject(noDbus(cause));
    });
  }).catch((error: unknown) => {
    try {
      bus.disconnect();
    } catch {
      // already broken
    }
    throw error;
  });
  bus.on('error', () => undefined);
  return bus;
}

function noDbus(cause: unknown): ConfigError {
  return new ConfigError(
    'ERR_DBUS_UNAVAILABLE',
    'No D-Bus: cannot connect to the session bus at DBUS_SESSION_BUS_ADDRESS (is dbus running?)',
    {},
    { cause },
  );
}
