// Barrel of the vault store: open the database, data-dir paths and settings, one query module per table.
export * from './apps.js';
export * from './clients.js';
export * from './data-dir.js';
export * from './errors.js';
export * from './files.js';
export * from './folders.js';
export { MIGRATIONS } from './migrations.js';
export * from './open-database.js';
export * from './pending-updates.js';
export * from './records.js';
export * from './settings.js';
export * from './shares.js';
