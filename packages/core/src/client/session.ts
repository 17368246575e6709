// A lean KSM session: one device config's state (binding, caches, transport) with no operations attached.
import { type ClientCore, type ClientOptions, createClientCore } from './client-core.js';

declare const sessionBrand: unique symbol;

/**
 * A session from `createSession`: pass it to the standalone operations (`getSecrets`, `resolveNotation`, …).
 * Opaque on purpose; the state behind it (keys, caches, the binding lock) is never shared with another session.
 */
export interface KsmSession {
  readonly [sessionBrand]: true;
}

/**
 * Creates a session over a device config storage (initialise it first with `initializeConfig`). It takes the
 * same options as `createClient` but carries no operations, so a bundler keeps only the operations you import.
 * The device binds on first use (spec §5.1).
 *
 * @example
 * const ksm = createSession({ storage });
 * const [password] = await resolveNotation(ksm, 'keeper://Postgres/field/password');
 */
export function createSession(options: ClientOptions): KsmSession {
  return createClientCore(options) as unknown as KsmSession;
}

/**
 * The internals behind a session (internal; never re-exported).
 *
 * @example
 * const { clock } = sessionCore(ksm);
 */
export function sessionCore(session: KsmSession): ClientCore {
  return session as unknown as ClientCore;
}
