// `ksmkit-vault record add|get|list|update|remove`: typed fields, custom fields, notes, file attachments.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { defineCommand } from 'citty';
import { addRecord } from '../owner/add-record.js';
import { getRecordView, listRecordReport, readRecordFile, removeRecords } from '../owner/read-records.js';
import type { FileInput } from '../owner/record-files.js';
import type { CustomFieldInput } from '../owner/record-input.js';
import { updateRecord } from '../owner/update-record.js';
import { VaultError } from '../store/errors.js';
import { COMMON_ARGS, keyValue, positionals, readValue, repeated, withSession } from './common.js';
import { emit, table } from './output.js';

const CONTENT_ARGS = {
  field: {
    type: 'string',
    description: 'Standard field TYPE=VALUE or LABEL=VALUE (repeatable; VALUE may be @file, - for stdin, or JSON)',
  },
  custom: { type: 'string', description: "Custom field 'TYPE:LABEL=VALUE' or 'LABEL=VALUE' (text) (repeatable)" },
  notes: { type: 'string', description: 'Notes (@file or - for stdin allowed)' },
  file: { type: 'string', description: 'Attach a file from PATH (repeatable)' },
} as const;

function fieldsFrom(rawArgs: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(repeated(rawArgs, 'field').map((spec) => keyValue(spec, '--field')));
}

function customFrom(rawArgs: readonly string[]): CustomFieldInput[] {
  return repeated(rawArgs, 'custom').map((spec) => {
    const [left, value] = keyValue(spec, '--custom');
    const colon = left.indexOf(':');
    return colon < 0
      ? { type: 'text', label: left, value }
      : { type: left.slice(0, colon), label: left.slice(colon + 1), value };
  });
}

function filesFrom(rawArgs: readonly string[]): FileInput[] {
  return repeated(rawArgs, 'file').map((path) => {
    try {
      return { name: basename(path), content: new Uint8Array(readFileSync(path)) };
    } catch (error) {
      throw new VaultError('ERR_INVALID_ARGUMENT', `Cannot read --file ${path}`, { path }, { cause: error });
    }
  });
}

const add = defineCommand({
  meta: {
    name: 'add',
    description: 'Add a record: record add --title T [--type login] [--folder F] --field login=app …',
  },
  args: {
    ...COMMON_ARGS,
    ...CONTENT_ARGS,
    title: { type: 'string', description: 'Record title' },
    type: { type: 'string', description: 'Record type (default login)' },
    folder: { type: 'string', description: 'Folder (UID, name or path); omit for a record shared only directly' },
  },
  async run({ args, rawArgs }) {
    const title = args.title ?? positionals(args)[0];
    if (title === undefined)
      throw new VaultError('ERR_INVALID_ARGUMENT', 'Give the record a title: record add --title NAME');
    const result = await withSession(args, (session) =>
      addRecord(session, {
        ...(args.folder === undefined ? {} : { folder: args.folder }),
        record: {
          type: args.type ?? 'login',
          title,
          fields: fieldsFrom(rawArgs),
          custom: customFrom(rawArgs),
          ...(args.notes === undefined ? {} : { notes: readValue(args.notes) }),
        },
        files: filesFrom(rawArgs),
      }),
    );
    emit(args.json, { ...result, title }, () => `Added record "${title}" (${result.uid})`);
  },
});

const get = defineCommand({
  meta: {
    name: 'get',
    description: 'Show a record with its values: record get TITLE|UID [--download NAME --out PATH]',
  },
  args: {
    ...COMMON_ARGS,
    record: { type: 'positional', description: 'Record title or UID', required: false },
    download: { type: 'string', description: 'Decrypt this attached file (name or UID)' },
    out: { type: 'string', description: 'Where to write the downloaded file (default stdout)' },
  },
  async run({ args }) {
    const ref = positionals(args)[0];
    if (ref === undefined) throw new VaultError('ERR_INVALID_ARGUMENT', 'Name the record: record get TITLE|UID');
    if (args.download !== undefined) {
      const content = await withSession(args, (session) => readRecordFile(session, ref, args.download as string));
      if (args.out === undefined) process.stdout.write(content);
      else writeFileSync(args.out, content, { mode: 0o600 });
      return;
    }
    const view = await withSession(args, (session) => getRecordView(session, ref));
    emit(args.json, view, () =>
      [
        `${view.data.title} (${view.uid}) type ${view.data.type}, revision ${view.revision}, folder ${view.folderPath ?? '-'}`,
        ...view.data.fields.map((f) => `  ${f.label ?? f.type}: ${JSON.stringify(f.value)}`),
        ...(view.data.custom ?? []).map((f) => `  [custom ${f.type}] ${f.label ?? ''}: ${JSON.stringify(f.value)}`),
        ...(view.data.notes === undefined ? [] : [`  notes: ${view.data.notes}`]),
        ...view.files.map((f) => `  file ${f.uid}: ${f.metadata.name ?? ''} (${f.metadata.size ?? '?'} bytes)`),
      ].join('\n'),
    );
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'List records (titles only, never values)' },
  args: {
    ...COMMON_ARGS,
    folder: { type: 'string', description: 'Only records in this folder (UID or path) and below' },
  },
  async run({ args }) {
    const { records, unreadable } = await withSession(args, (session) =>
      listRecordReport(session, args.folder === undefined ? {} : { folder: args.folder }),
    );
    for (const bad of unreadable)
      process.stderr.write(`ksmkit-vault: warning: record ${bad.uid} cannot be opened: ${bad.reason}\n`);
    emit(args.json, { records, unreadable }, () =>
      table(
        ['UID', 'TITLE', 'TYPE', 'REV', 'FOLDER', 'FILES'],
        records.map((r) => [r.uid, r.title, r.type, r.revision, r.folderPath, r.files]),
      ),
    );
  },
});

const update = defineCommand({
  meta: { name: 'update', description: 'Change a record: record update TITLE|UID --field password=@pw.txt …' },
  args: {
    ...COMMON_ARGS,
    ...CONTENT_ARGS,
    record: { type: 'positional', description: 'Record title or UID', required: false },
    title: { type: 'string', description: 'New title' },
    'clear-notes': { type: 'boolean', description: 'Remove the notes' },
    'remove-file': { type: 'string', description: 'Detach a file (name or UID; repeatable)' },
  },
  async run({ args, rawArgs }) {
    const ref = positionals(args)[0];
    if (ref === undefined) throw new VaultError('ERR_INVALID_ARGUMENT', 'Name the record: record update TITLE|UID …');
    const notes = args['clear-notes'] === true ? null : args.notes === undefined ? undefined : readValue(args.notes);
    const result = await withSession(args, (session) =>
      updateRecord(session, ref, {
        ...(args.title === undefined ? {} : { title: args.title }),
        fields: fieldsFrom(rawArgs),
        custom: customFrom(rawArgs),
        ...(notes === undefined ? {} : { notes }),
        addFiles: filesFrom(rawArgs),
        removeFiles: repeated(rawArgs, 'remove-file'),
      }),
    );
    emit(args.json, result, () => `Updated record ${result.uid} (revision ${result.revision})`);
  },
});

const remove = defineCommand({
  meta: { name: 'remove', description: 'Delete records: record remove TITLE|UID…' },
  args: { ...COMMON_ARGS, record: { type: 'positional', description: 'Record title or UID', required: false } },
  async run({ args }) {
    const refs = positionals(args);
    if (refs.length === 0) throw new VaultError('ERR_INVALID_ARGUMENT', 'Name the record(s): record remove TITLE|UID…');
    const { uids } = await withSession(args, (session) => removeRecords(session, refs));
    emit(args.json, { removed: uids }, () => `Removed ${uids.length} record(s): ${uids.join(', ')}`);
  },
});

/** The `record` command group. */
export const recordCommand = defineCommand({
  meta: { name: 'record', description: 'Manage records' },
  subCommands: { add, get, list, update, remove },
});
