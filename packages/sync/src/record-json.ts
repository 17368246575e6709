// One record as a JSON secret: every field with a value, keyed by label (else type); values unwrapped when single.
import type { KeeperField, RecordData } from '@ksmkit/core';

const unwrap = (field: KeeperField): unknown => (field.value.length === 1 ? field.value[0] : field.value);

/**
 * The record's fields as a plain object (standard fields, then custom ones; a later duplicate key gets `_2`, `_3`…).
 *
 * @example
 * recordJson({ title: 'DB', type: 'login', fields: [{ type: 'password', value: ['pw'] }] }); // { password: 'pw' }
 */
export function recordJson(data: RecordData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of [...data.fields, ...(data.custom ?? [])]) {
    if (!Array.isArray(field.value) || field.value.length === 0) continue;
    const base = field.label !== undefined && field.label !== '' ? field.label : field.type;
    let key = base;
    for (let n = 2; key in out; n++) key = `${base}_${n}`;
    out[key] = unwrap(field);
  }
  return out;
}
