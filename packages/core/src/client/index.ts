// Public client API of @ksmkit/core: createClient, plus the lean session API (`./session`) whose shapes it shares.
export * from '../session.js';
export type { KsmClient } from './create-client.js';
export { createClient } from './create-client.js';
