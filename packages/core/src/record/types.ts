// Plaintext shapes of Keeper's V3 typed records, files, folders and apps (spec §6); unknown keys are kept.

/** Password policy attached to a password field. */
export interface PasswordComplexity {
  length?: number;
  caps?: number;
  lowercase?: number;
  digits?: number;
  special?: number;
}

/**
 * One field of a record. `value` is always an array; its element shape depends on `type` (see field-types).
 * Unknown keys are preserved so that an update never drops what another client wrote.
 */
export interface KeeperField {
  type: string;
  label?: string;
  value: unknown[];
  required?: boolean;
  privacyScreen?: boolean;
  enforceGeneration?: boolean;
  complexity?: PasswordComplexity;
  [key: string]: unknown;
}

/** A decrypted V3 record JSON document. */
export interface RecordData {
  title: string;
  type: string;
  fields: KeeperField[];
  custom?: KeeperField[];
  notes?: string;
  [key: string]: unknown;
}

/** A decrypted file metadata document (spec §6.4). */
export interface FileMetadata {
  name?: string;
  title?: string;
  size?: number;
  type?: string;
  lastModified?: number;
  [key: string]: unknown;
}

/** A decrypted folder data document (spec §6.5). */
export interface FolderData {
  name: string;
  [key: string]: unknown;
}

/** A decrypted application data document (spec §6.6). */
export interface AppData {
  title: string;
  type: string;
  [key: string]: unknown;
}

/** The least a file must carry for notation and helpers: its UID and decrypted metadata. */
export interface RecordFileView {
  readonly fileUid: string;
  readonly metadata: FileMetadata;
}

/** The least a record must carry for notation and helpers: its UID, decrypted data and files. */
export interface RecordView<F extends RecordFileView = RecordFileView> {
  readonly recordUid: string;
  readonly data: RecordData;
  readonly files: readonly F[];
}
