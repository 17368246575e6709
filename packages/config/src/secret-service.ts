// A minimal freedesktop Secret Service client over D-Bus (dbus-next): sessions, collections, unlock, items.

import { DBusError, Message, MessageType, Variant } from 'dbus-next';
import { connectSessionBus } from './dbus-connect.js';
import { ConfigError } from './errors.js';

const SERVICE = 'org.freedesktop.secrets';
const SERVICE_PATH = '/org/freedesktop/secrets';
const IFACE = 'org.freedesktop.Secret';
const GNOME_INTERNAL = 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface';

function wrongPassword(cause: unknown): ConfigError {
  return new ConfigError(
    'ERR_KEYRING_LOCKED',
    'The keyring password was not accepted',
    {},
    cause === undefined ? undefined : { cause },
  );
}

/** Which collection: the `default` alias (the user's default keyring, usually `login`) or a named one. */
export type CollectionRef = { readonly alias: string } | { readonly name: string };

/** The D-Bus path of a collection reference. */
export function collectionPath(ref: CollectionRef): string {
  const part = 'alias' in ref ? `aliases/${ref.alias}` : `collection/${ref.name}`;
  return `${SERVICE_PATH}/${part.replace(/[^A-Za-z0-9_/]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
}

/** A connected Secret Service session. Close it when done. */
export interface SecretService {
  /** Unlocks the collection; a prompt (GUI) is shown if the service needs one. Throws `ERR_KEYRING_LOCKED`. */
  unlock(collection: string): Promise<void>;
  /**
   * Unlocks the collection with its password, without a prompt (GNOME Keyring's internal interface; for headless
   * servers). Throws `ERR_KEYRING_LOCKED` for a wrong password.
   */
  unlockWithPassword(collection: string, password: string): Promise<void>;
  /** Creates a named collection protected by `password` without a prompt (GNOME Keyring); returns its path. */
  createCollection(label: string, password: string): Promise<string>;
  /** Locks the collection (no prompt needed). */
  lock(collection: string): Promise<void>;
  /** Items of `collection` whose attributes include all of `attributes`. */
  searchItems(collection: string, attributes: Readonly<Record<string, string>>): Promise<string[]>;
  /** The secret bytes of an item. */
  getSecret(item: string): Promise<Uint8Array>;
  /** Creates (or with `replace`, updates the item with the same attributes) an item; returns its path. */
  createItem(
    collection: string,
    label: string,
    attributes: Readonly<Record<string, string>>,
    secret: Uint8Array,
    contentType: string,
    replace: boolean,
  ): Promise<string>;
  /** Deletes an item. */
  deleteItem(item: string): Promise<void>;
  /** Closes the session and the bus connection. */
  close(): Promise<void>;
}

function failure(error: unknown, what: string): ConfigError {
  if (error instanceof ConfigError) return error;
  const type = error instanceof DBusError ? error.type : ((error as { type?: string })?.type ?? '');
  if (type === 'org.freedesktop.DBus.Error.ServiceUnknown' || type === 'org.freedesktop.DBus.Error.NameHasNoOwner') {
    return new ConfigError(
      'ERR_KEYRING_NOT_FOUND',
      'No keyring: no Secret Service (gnome-keyring, KeePassXC, KWallet) is running on the D-Bus session',
      { dbusError: type },
      { cause: error },
    );
  }
  if (type.endsWith('.NoSuchObject') || type.endsWith('.UnknownObject') || type.endsWith('.UnknownMethod')) {
    return new ConfigError(
      'ERR_KEYRING_NOT_FOUND',
      `No keyring: the collection does not exist (${what})`,
      { dbusError: type },
      {
        cause: error,
      },
    );
  }
  if (type.endsWith('.IsLocked')) {
    return new ConfigError(
      'ERR_KEYRING_LOCKED',
      'The keyring is locked; unlock it and retry',
      { dbusError: type },
      { cause: error },
    );
  }
  return new ConfigError(
    'ERR_KEYRING_FAILED',
    `Secret Service call failed (${what}: ${type || 'error'})`,
    { dbusError: type },
    {
      cause: error,
    },
  );
}

/**
 * Connects to the Secret Service on the D-Bus session at `env.DBUS_SESSION_BUS_ADDRESS` and opens a `plain`
 * session (the bus is local to the user; values never leave the machine). Throws `ERR_DBUS_NO_SESSION` (variable
 * unset), `ERR_DBUS_UNAVAILABLE` (nothing answers), `ERR_KEYRING_NOT_FOUND` (no Secret Service on the bus).
 *
 * @example
 * const service = await openSecretService(process.env);
 * try { await service.unlock(collectionPath({ alias: 'default' })) } finally { await service.close() }
 */
export async function openSecretService(
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly timeoutMs?: number } = {},
): Promise<SecretService> {
  const address = env.DBUS_SESSION_BUS_ADDRESS;
  if (address === undefined || address.trim() === '') {
    throw new ConfigError(
      'ERR_DBUS_NO_SESSION',
      'No D-Bus session: DBUS_SESSION_BUS_ADDRESS is not set (run inside a desktop session or dbus-run-session)',
      {},
    );
  }
  const bus = await connectSessionBus(address, options.timeoutMs ?? 10_000);
  const call = async (path: string, iface: string, member: string, signature = '', body: unknown[] = []) => {
    const reply = await bus.call(
      new Message({ destination: SERVICE, path, interface: iface, member, signature, body }),
    );
    return reply?.body ?? [];
  };
  let session: string;
  try {
    [, session] = (await call(SERVICE_PATH, `${IFACE}.Service`, 'OpenSession', 'sv', [
      'plain',
      new Variant('s', ''),
    ])) as [unknown, string];
  } catch (error) {
    bus.disconnect();
    throw failure(error, 'OpenSession');
  }

  async function prompt(path: string): Promise<unknown> {
    const match = `type='signal',interface='${IFACE}.Prompt',member='Completed',path='${path}'`;
    await bus.call(
      new Message({
        destination: 'org.freedesktop.DBus',
        path: '/org/freedesktop/DBus',
        interface: 'org.freedesktop.DBus',
        member: 'AddMatch',
        signature: 's',
        body: [match],
      }),
    );
    const completed = new Promise<unknown>((resolve, reject) => {
      const onMessage = (message: Message) => {
        if (message.type !== MessageType.SIGNAL || message.path !== path || message.member !== 'Completed') return;
        bus.off('message', onMessage);
        const [dismissed, result] = message.body as [boolean, Variant];
        if (dismissed) reject(new ConfigError('ERR_KEYRING_LOCKED', 'The keyring unlock prompt was dismissed', {}));
        else resolve(result?.value);
      };
      bus.on('message', onMessage);
    });
    await call(path, `${IFACE}.Prompt`, 'Prompt', 's', ['']);
    return completed;
  }

  const guarded =
    <A extends unknown[], R>(what: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        throw failure(error, what);
      }
    };

  return {
    unlock: guarded('Unlock', async (collection: string) => {
      const [, promptPath] = (await call(SERVICE_PATH, `${IFACE}.Service`, 'Unlock', 'ao', [[collection]])) as [
        string[],
        string,
      ];
      if (promptPath !== '/') await prompt(promptPath);
    }),
    unlockWithPassword: guarded('UnlockWithMasterPassword', async (collection: string, password: string) => {
      try {
        await call(SERVICE_PATH, GNOME_INTERNAL, 'UnlockWithMasterPassword', 'o(oayays)', [
          collection,
          [session, Buffer.alloc(0), Buffer.from(password, 'utf8'), 'text/plain'],
        ]);
      } catch (error) {
        throw wrongPassword(error);
      }
      // gnome-keyring accepts a wrong password silently; check that the collection really opened.
      const locked = await call(collection, 'org.freedesktop.DBus.Properties', 'Get', 'ss', [
        `${IFACE}.Collection`,
        'Locked',
      ]);
      if ((locked[0] as Variant<boolean>).value) throw wrongPassword(undefined);
    }),
    createCollection: guarded('CreateWithMasterPassword', async (label: string, password: string) => {
      const [path] = (await call(SERVICE_PATH, GNOME_INTERNAL, 'CreateWithMasterPassword', 'a{sv}(oayays)', [
        { [`${IFACE}.Collection.Label`]: new Variant('s', label) },
        [session, Buffer.alloc(0), Buffer.from(password, 'utf8'), 'text/plain'],
      ])) as [string];
      return path;
    }),
    lock: guarded('Lock', async (collection: string) => {
      const [, promptPath] = (await call(SERVICE_PATH, `${IFACE}.Service`, 'Lock', 'ao', [[collection]])) as [
        string[],
        string,
      ];
      if (promptPath !== '/') await prompt(promptPath);
    }),
    searchItems: guarded('SearchItems', async (collection: string, attributes: Readonly<Record<string, string>>) => {
      const [items] = (await call(collection, `${IFACE}.Collection`, 'SearchItems', 'a{ss}', [attributes])) as [
        string[],
      ];
      return items;
    }),
    getSecret: guarded('GetSecret', async (item: string) => {
      const [secret] = (await call(item, `${IFACE}.Item`, 'GetSecret', 'o', [session])) as [
        [string, Buffer, Buffer, string],
      ];
      return new Uint8Array(secret[2]);
    }),
    createItem: guarded(
      'CreateItem',
      async (
        collection: string,
        label: string,
        attributes: Readonly<Record<string, string>>,
        secret: Uint8Array,
        contentType: string,
        replace: boolean,
      ) => {
        const properties = {
          [`${IFACE}.Item.Label`]: new Variant('s', label),
          [`${IFACE}.Item.Attributes`]: new Variant('a{ss}', attributes),
        };
        const value = [session, Buffer.alloc(0), Buffer.from(secret), contentType];
        const [item, promptPath] = (await call(collection, `${IFACE}.Collection`, 'CreateItem', 'a{sv}(oayays)b', [
          properties,
          value,
          replace,
        ])) as [string, string];
        if (item === '/' && promptPath !== '/') return String(await prompt(promptPath));
        return item;
      },
    ),
    deleteItem: guarded('Delete', async (item: string) => {
      const [promptPath] = (await call(item, `${IFACE}.Item`, 'Delete')) as [string];
      if (promptPath !== '/') await prompt(promptPath);
    }),
    close: async () => {
      try {
        await call(session, `${IFACE}.Session`, 'Close');
      } catch {
        // the session dies with the connection anyway
      }
      bus.disconnect();
    },
  };
}
