// The shapes a model sees of a record: metadata (no values), and fields with secret values masked.
import type { DecryptedRecord, KeeperField } from '@ksmkit/core';
import { z } from 'zod';
import { isSecretField } from './secret-fields.js';

/** What stands in for a secret value that was not revealed. */
export const MASK = '[masked]';

export const fieldMetaSchema = z.object({
  section: z.enum(['fields', 'custom']).describe('standard fields or custom fields'),
  type: z.string(),
  label: z.string().optional(),
  secret: z.boolean().describe('true when the value is masked unless a human approves a reveal'),
  hasValue: z.boolean(),
});

export const fileMetaSchema = z.object({ uid: z.string(), name: z.string(), size: z.number().optional() });

export const recordMetaSchema = z.object({
  uid: z.string(),
  title: z.string(),
  type: z.string(),
  folderUid: z.string().nullable(),
  folderName: z.string().nullable(),
  fields: z.array(fieldMetaSchema),
  hasNotes: z.boolean(),
  files: z.array(fileMetaSchema),
});

export type RecordMeta = z.infer<typeof recordMetaSchema>;

/** Folder names by UID, for the folder column. */
export type FolderNames = ReadonlyMap<string, string>;

const hasValue = (field: KeeperField): boolean =>
  Array.isArray(field.value) && field.value.some((v) => v !== null && v !== '' && v !== undefined);

/** Standard then custom fields, each with its section. */
export function allFields(record: DecryptedRecord): { section: 'fields' | 'custom'; field: KeeperField }[] {
  return [
    ...record.data.fields.map((field) => ({ section: 'fields' as const, field })),
    ...(record.data.custom ?? []).map((field) => ({ section: 'custom' as const, field })),
  ];
}

/**
 * Metadata of a record: no field value at all, only types, labels and whether each field has one.
 *
 * @example
 * recordMeta(record, folderNames).fields[0] // { section: 'fields', type: 'login', secret: false, hasValue: true }
 */
export function recordMeta(record: DecryptedRecord, folderNames: FolderNames): RecordMeta {
  const folderUid = record.innerFolderUid ?? record.folderUid;
  return {
    uid: record.recordUid,
    title: record.data.title,
    type: record.data.type,
    folderUid,
    folderName: folderUid === null ? null : (folderNames.get(folderUid) ?? null),
    fields: allFields(record).map(({ section, field }) => ({
      section,
      type: field.type,
      ...(typeof field.label === 'string' && field.label !== '' ? { label: field.label } : {}),
      secret: isSecretField(field),
      hasValue: hasValue(field),
    })),
    hasNotes: typeof record.data.notes === 'string' && record.data.notes !== '',
    files: record.files.map((f) => ({
      uid: f.fileUid,
      name: String(f.metadata.name ?? f.metadata.title ?? f.fileUid),
      ...(typeof f.metadata.size === 'number' ? { size: f.metadata.size } : {}),
    })),
  };
}

/**
 * The key a field is named by in results and audit lines: its label, else its type.
 *
 * @example
 * fieldName({ type: 'password', value: [] }) // 'password'
 */
export function fieldName(field: KeeperField): string {
  return typeof field.label === 'string' && field.label !== '' ? field.label : field.type;
}
