// Reads what the map asks for from Keeper in one get_secret: each desired secret is a value, absent or an error.

import type { DecryptedRecord } from '@ksmkit/core';
import { base64Decode, evaluateNotation, isKsmError, type KsmClient, parseNotation, utf8Encode } from '@ksmkit/core';
import { SyncError } from './errors.js';
import type { MapEntry, SyncMap } from './map-types.js';
import { renderTemplate } from './name-template.js';
import { recordJson } from './record-json.js';

/** The outcome of reading one source: a value, explicitly absent (an empty field, a record gone from its folder), or an error. */
export type SourceRead =
  | { readonly state: 'value'; readonly bytes: Uint8Array; readonly binary: boolean }
  | { readonly state: 'absent' }
  | { readonly state: 'error'; readonly code: string; readonly message: string };

/** One secret the map wants at a destination. */
export interface DesiredSecret {
  readonly target: string;
  readonly name: string;
  /** What it comes from (record UID and field, or folder UID): never a value. */
  readonly source: string;
  readonly read: SourceRead;
}

/** Everything the map wants, plus entries that could not even name their secrets. */
export interface SourceSnapshot {
  readonly desired: DesiredSecret[];
  /** Entries whose record or folder could not be read: their destination names are unknown. */
  readonly entryErrors: {
    readonly entry: number;
    readonly target: string;
    readonly code: string;
    readonly message: string;
  }[];
  /** The records get_secret returned (for the hash key and credential records). */
  readonly records: readonly DecryptedRecord[];
}

const text = (value: string): SourceRead => ({ state: 'value', bytes: utf8Encode(value), binary: false });
const json = (value: unknown): SourceRead => text(JSON.stringify(value));
const errorOf = (error: unknown): SourceRead => ({
  state: 'error',
  code: isKsmError(error) || error instanceof SyncError ? error.code : 'ERR_SOURCE',
  message: isKsmError(error) || error instanceof SyncError ? error.message : 'the source could not be read',
});

/** Reads a notation entry's value (file contents downloaded first for `format: file`). */
async function readNotation(
  client: KsmClient,
  records: readonly DecryptedRecord[],
  byUid: ReadonlyMap<string, DecryptedRecord>,
  entry: Extract<MapEntry, { notation: string }>,
): Promise<SourceRead> {
  try {
    const parsed = parseNotation(entry.notation);
    if (entry.format === 'file' || parsed.selector === 'file') {
      if (parsed.selector !== 'file')
        return { state: 'error', code: 'ERR_FORMAT', message: 'format "file" needs a keeper://…/file/NAME notation' };
      const contents = new Map<string, Uint8Array>();
      for (const record of records.filter((r) => r.recordUid === parsed.record || r.data.title === parsed.record))
        for (const file of record.files) contents.set(file.fileUid, await client.downloadFile(file));
      const [encoded] = evaluateNotation(records, parsed, {
        fileContent: (_record, file) => contents.get(file.fileUid) ?? new Uint8Array(),
      });
      return { state: 'value', bytes: base64Decode(encoded ?? ''), binary: true };
    }
    // a UID notation only needs its record: look it up once instead of scanning every record per entry
    const own = byUid.get(parsed.record);
    const values = evaluateNotation(own !== undefined ? [own] : records, parsed);
    if (values.length === 0 || (values.length === 1 && values[0] === '')) return { state: 'absent' };
    const value = values.length === 1 ? (values[0] as string) : JSON.stringify(values);
    return entry.format === 'base64' ? { state: 'value', bytes: base64Decode(value), binary: true } : text(value);
  } catch (error) {
    return errorOf(error);
  }
}

const inFolder = (record: DecryptedRecord, folder: string): boolean =>
  record.folderUid === folder || record.innerFolderUid === folder;

/**
 * Resolves every map entry against one `get_secret` (all records the app can see). A failed get_secret is
 * `ERR_SOURCE_UNAVAILABLE` (nothing is planned); a bad notation or a missing record is an error for that entry only.
 *
 * @example
 * const snapshot = await readSources(client, map);
 */
export async function readSources(client: KsmClient, map: SyncMap): Promise<SourceSnapshot> {
  let result: Awaited<ReturnType<KsmClient['getSecrets']>>;
  try {
    result = await client.getSecrets();
  } catch (error) {
    const code = isKsmError(error) ? error.code : 'ERR_UNKNOWN';
    throw new SyncError(
      'ERR_SOURCE_UNAVAILABLE',
      `Keeper could not be read (${code}); nothing was planned or changed`,
      {},
      { cause: error },
    );
  }
  const { records, folders } = result;
  const byUid = new Map(records.map((record) => [record.recordUid, record]));
  const desired: DesiredSecret[] = [];
  const entryErrors: SourceSnapshot['entryErrors'] = [];
  for (const [index, entry] of map.entries.entries()) {
    if ('notation' in entry) {
      const source = entry.notation.slice('keeper://'.length);
      desired.push({
        target: entry.target,
        name: entry.name,
        source,
        read: await readNotation(client, records, byUid, entry),
      });
      continue;
    }
    if ('fields' in entry) {
      const reads = await Promise.all(
        Object.entries(entry.fields).map(
          async ([key, notation]) =>
            [
              key,
              await readNotation(client, records, byUid, { target: entry.target, name: entry.name, notation }),
            ] as const,
        ),
      );
      const failed = reads.find(([, read]) => read.state === 'error');
      const present = reads.filter(([, read]) => read.state === 'value');
      const source = Object.values(entry.fields)
        .map((n) => n.slice('keeper://'.length).split('/')[0])
        .join(',');
      const read: SourceRead =
        failed !== undefined
          ? failed[1]
          : present.length === 0
            ? { state: 'absent' }
            : json(
                Object.fromEntries(
                  present.map(([key, r]) => [key, new TextDecoder().decode((r as { bytes: Uint8Array }).bytes)]),
                ),
              );
      desired.push({ target: entry.target, name: entry.name, source, read });
      continue;
    }
    if ('record' in entry) {
      const record = records.find((r) => r.recordUid === entry.record);
      if (record === undefined) {
        entryErrors.push({
          entry: index,
          target: entry.target,
          code: 'ERR_NOTATION_RECORD_NOT_FOUND',
          message: `record ${entry.record} is not shared with this application`,
        });
        continue;
      }
      const name = renderTemplate(entry.name, {
        job: map.job,
        record: { title: record.data.title, uid: record.recordUid, type: record.data.type },
      });
      desired.push({ target: entry.target, name, source: record.recordUid, read: json(recordJson(record.data)) });
      continue;
    }
    const folderKnown =
      folders.some((f) => f.folderUid === entry.folder) || records.some((r) => inFolder(r, entry.folder));
    if (!folderKnown) {
      entryErrors.push({
        entry: index,
        target: entry.target,
        code: 'ERR_FOLDER_NOT_FOUND',
        message: `folder ${entry.folder} is not shared with this application`,
      });
      continue;
    }
    const members = records.filter((r) => inFolder(r, entry.folder));
    if (entry.per === 'folder') {
      const body = Object.fromEntries(members.map((r) => [r.data.title, recordJson(r.data)]));
      const name = renderTemplate(entry.name, { job: map.job, folder: { uid: entry.folder } });
      desired.push({
        target: entry.target,
        name,
        source: entry.folder,
        read: members.length === 0 ? { state: 'absent' } : json(body),
      });
      continue;
    }
    for (const record of members) {
      const context = {
        job: map.job,
        folder: { uid: entry.folder },
        record: { title: record.data.title, uid: record.recordUid, type: record.data.type },
      };
      desired.push({
        target: entry.target,
        name: renderTemplate(entry.name, context),
        source: `${entry.folder}/${record.recordUid}`,
        read: json(recordJson(record.data)),
      });
    }
  }
  return { desired, entryErrors, records };
}
