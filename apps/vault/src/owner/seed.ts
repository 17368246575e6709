// `seed FILE`: declarative folders (nested), records, apps and shares from JSON or YAML, written in one transaction.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { VaultError } from '../store/errors.js';
import { addRecord } from './add-record.js';
import { createApp } from './apps.js';
import { createFolder } from './folders.js';
import type { FileInput } from './record-files.js';
import type { CustomFieldInput } from './record-input.js';
import { type At, listAt, objectAt, seedError, stringAt } from './seed-schema.js';
import { inBatch, type OwnerSession } from './session.js';
import { addShare } from './share.js';

/** What `seed` created: names/titles → UIDs (a duplicated name is keyed by its path instead). */
export interface SeedResult {
  readonly folders: Record<string, string>;
  readonly records: Record<string, string>;
  readonly apps: Record<string, string>;
}

const RECORD_KEYS = ['type', 'title', 'fields', 'custom', 'notes', 'files'];

/**
 * Parses seed text (YAML is a superset of JSON, so both work). Throws `ERR_INVALID_SEED` on syntax errors.
 *
 * @example
 * const doc = parseSeedText(readFileSync('seed.yaml', 'utf8'));
 */
export function parseSeedText(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw seedError(line === undefined ? '' : `line ${line}`, 'not valid YAML or JSON', error);
  }
}

/**
 * Reads and applies a seed file; relative `files[].path` entries resolve against the file's directory.
 *
 * @example
 * const { folders, records, apps } = await seedFromFile(session, 'seed.yaml');
 */
export async function seedFromFile(session: OwnerSession, file: string): Promise<SeedResult> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VaultError('ERR_INVALID_ARGUMENT', `Cannot read seed file ${file}`, { file }, { cause: error });
  }
  return applySeed(session, parseSeedText(text), { baseDir: dirname(resolve(file)) });
}

/**
 * Applies a parsed seed document in ONE transaction: on any error nothing is written.
 *
 * @example
 * await applySeed(session, { folders: [{ name: 'Ops' }], apps: [{ name: 'ci', shares: [{ folder: 'Ops' }] }] });
 */
export async function applySeed(
  session: OwnerSession,
  document: unknown,
  options: { readonly baseDir?: string } = {},
): Promise<SeedResult> {
  const baseDir = options.baseDir ?? process.cwd();
  const root = objectAt({ value: document ?? {}, path: '' }, ['folders', 'records', 'apps']);
  const result: SeedResult = { folders: {}, records: {}, apps: {} };
  const folderByRef = new Map<string, string>();
  const recordByRef = new Map<string, string>();
  const name = (map: Record<string, string>, key: string, alt: string, uid: string) => {
    map[key in map ? alt : key] = uid;
  };

  const addRecordAt = async (at: At, folderUid: string | undefined) => {
    const record = objectAt(at, RECORD_KEYS);
    const title = stringAt(record.title, `${at.path}.title`);
    const custom = listAt(record.custom, `${at.path}.custom`).map(
      (item) => objectAt(item, ['type', 'label', 'value']) as unknown as CustomFieldInput,
    );
    const fields = record.fields ?? {};
    objectAt({ value: fields, path: `${at.path}.fields` }, Object.keys(fields as object));
    const files = listAt(record.files, `${at.path}.files`).map((item) => fileAt(item, baseDir));
    try {
      const { uid } = await addRecord(session, {
        ...(folderUid === undefined ? {} : { folder: folderUid }),
        record: {
          type: record.type === undefined ? 'login' : stringAt(record.type, `${at.path}.type`),
          title,
          fields: fields as Record<string, unknown>,
          custom,
          ...(record.notes === undefined ? {} : { notes: String(record.notes) }),
        },
        files,
      });
      name(result.records, title, `${title} (${at.path})`, uid);
      recordByRef.set(title, uid);
      recordByRef.set(uid, uid);
    } catch (error) {
      if (error instanceof VaultError) throw seedError(at.path, error.message, error);
      throw error;
    }
  };

  const addFolderAt = async (at: At, parent: { uid: string; path: string } | undefined): Promise<void> => {
    const folder = objectAt(at, ['name', 'records', 'folders']);
    const folderName = stringAt(folder.name, `${at.path}.name`);
    const path = parent === undefined ? folderName : `${parent.path}/${folderName}`;
    let uid: string;
    try {
      uid = (await createFolder(session, { name: folderName, ...(parent === undefined ? {} : { parent: parent.uid }) }))
        .uid;
    } catch (error) {
      if (error instanceof VaultError) throw seedError(at.path, error.message, error);
      throw error;
    }
    name(result.folders, folderName, path, uid);
    if (!folderByRef.has(folderName)) folderByRef.set(folderName, uid);
    folderByRef.set(path, uid);
    folderByRef.set(uid, uid);
    for (const item of listAt(folder.records, `${at.path}.records`)) await addRecordAt(item, uid);
    for (const item of listAt(folder.folders, `${at.path}.folders`)) await addFolderAt(item, { uid, path });
  };

  const shareAt = async (appUid: string, at: At, kind: 'either' | 'record') => {
    const share =
      typeof at.value === 'string'
        ? { record: at.value }
        : objectAt(at, kind === 'record' ? ['record', 'editable'] : ['folder', 'record', 'editable']);
    const folderRef = share.folder === undefined ? undefined : stringAt(share.folder, `${at.path}.folder`);
    const recordRef = share.record === undefined ? undefined : stringAt(share.record, `${at.path}.record`);
    if ((folderRef === undefined) === (recordRef === undefined))
      throw seedError(at.path, 'a share names exactly one of "folder" or "record"');
    if (share.editable !== undefined && typeof share.editable !== 'boolean')
      throw seedError(`${at.path}.editable`, 'expected true or false');
    try {
      await addShare(session, {
        app: appUid,
        editable: share.editable === true,
        ...(folderRef === undefined ? {} : { folder: folderByRef.get(folderRef) ?? folderRef }),
        ...(recordRef === undefined ? {} : { record: recordByRef.get(recordRef) ?? recordRef }),
      });
    } catch (error) {
      if (error instanceof VaultError) throw seedError(at.path, error.message, error);
      throw error;
    }
  };

  return inBatch(session, async () => {
    for (const item of listAt(root.folders, 'folders')) await addFolderAt(item, undefined);
    for (const item of listAt(root.records, 'records')) await addRecordAt(item, undefined);
    for (const at of listAt(root.apps, 'apps')) {
      const app = objectAt(at, ['name', 'shares', 'records']);
      const appName = stringAt(app.name, `${at.path}.name`);
      let uid: string;
      try {
        uid = (await createApp(session, { title: appName })).uid;
      } catch (error) {
        if (error instanceof VaultError) throw seedError(at.path, error.message, error);
        throw error;
      }
      result.apps[appName] = uid;
      for (const item of listAt(app.shares, `${at.path}.shares`)) await shareAt(uid, item, 'either');
      for (const item of listAt(app.records, `${at.path}.records`)) await shareAt(uid, item, 'record');
    }
    return result;
  });
}

function fileAt(at: At, baseDir: string): FileInput {
  const file = objectAt(at, ['name', 'path', 'content', 'contentBase64', 'title', 'type']);
  const sources = ['path', 'content', 'contentBase64'].filter((key) => file[key] !== undefined);
  if (sources.length !== 1) throw seedError(at.path, 'a file needs exactly one of path, content or contentBase64');
  let content: Uint8Array;
  if (file.path !== undefined) {
    const path = resolve(baseDir, stringAt(file.path, `${at.path}.path`));
    try {
      content = new Uint8Array(readFileSync(path));
    } catch (error) {
      throw seedError(`${at.path}.path`, `cannot read ${path}`, error);
    }
  } else if (file.content !== undefined) {
    content = new TextEncoder().encode(String(file.content));
  } else {
    content = new Uint8Array(Buffer.from(stringAt(file.contentBase64, `${at.path}.contentBase64`), 'base64'));
  }
  const fileName =
    file.name === undefined ? (file.path === undefined ? undefined : basename(String(file.path))) : String(file.name);
  if (fileName === undefined) throw seedError(at.path, 'a file needs a name');
  return {
    name: fileName,
    content,
    ...(file.title === undefined ? {} : { title: String(file.title) }),
    ...(file.type === undefined ? {} : { type: String(file.type) }),
  };
}
