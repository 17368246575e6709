// Public API of the record model: field types, standard record types, helpers, builders and plaintext JSON documents.
export { parseAppData, serializeAppData } from './app-data.js';
export type { BuildRecordInput, StandardFieldValues } from './build-record.js';
export { buildRecord } from './build-record.js';
export type { FieldTypeInfo, FieldValueKind, ObjectArrayShape, ObjectShape, PropertyShape } from './field-types.js';
export { FIELD_TYPES, isFieldTypeName } from './field-types.js';
export type {
  Address,
  AppFiller,
  BankAccount,
  FieldTypeName,
  FieldValueMap,
  Host,
  KeyPair,
  Name,
  PamAllowedSettings,
  PamConnection,
  PamPortForward,
  PamRemoteBrowserConnection,
  PamRemoteBrowserSettings,
  PamResources,
  PamSettings,
  Passkey,
  PasskeyPrivateKey,
  PaymentCard,
  Phone,
  Schedule,
  Script,
  SecurityQuestion,
} from './field-values.js';
export { parseFileMetadata, serializeFileMetadata } from './file-metadata.js';
export { parseFolderData, serializeFolderData } from './folder-data.js';
export type { FieldFlag } from './record-fields.js';
export {
  addCustomField,
  findCustomField,
  findField,
  getCustomFieldValues,
  getFieldFlag,
  getFieldValue,
  getFieldValues,
  setCustomFieldValue,
  setFieldValue,
} from './record-fields.js';
export type { FileMatchKey, FindFilesOptions } from './record-files.js';
export { findFile, findFiles } from './record-files.js';
export { parseRecordData, serializeRecord } from './record-json.js';
export { getRecordNotes, getRecordTitle, setRecordNotes, setRecordTitle } from './record-title-notes.js';
export type { RecordTypeName, StandardFieldDefinition } from './record-types.js';
export { isRecordTypeName, RECORD_TYPES } from './record-types.js';
export type {
  AppData,
  FileMetadata,
  FolderData,
  KeeperField,
  PasswordComplexity,
  RecordData,
  RecordFileView,
  RecordView,
} from './types.js';
export type { FieldLocation } from './validate-field.js';
export { validateField, validateFieldValue } from './validate-field.js';
