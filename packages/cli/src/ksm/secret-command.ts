// `ksm secret …`: list, get (masked unless --unmask), notation, totp, password.
import { writeFileAtomic } from '@ksmkit/config';
import { generatePassword, getTotpCode } from '@ksmkit/core';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { EXIT } from '../shared/exit-codes.js';
import { mask } from '../shared/mask.js';
import { formatTable } from '../shared/table.js';
import { clientFor, globalArgs, report } from './context.js';

/** A record UID option must name a record: an empty `-u ''` is a usage error, not a lookup. */
function requireUid(uid: string): void {
  if (uid.trim() === '')
    throw new UserError('-u/--uid needs a record UID, e.g. -u w5cQhGjMzeZOc_x9i4BcmA', { exitCode: EXIT.USAGE });
}

const list = defineCommand({
  meta: { name: 'list', description: 'List the records shared with this device' },
  args: { ...globalArgs },
  async run({ args }) {
    const { records } = await (await clientFor(args)).getSecrets();
    const rows = records.map((r) => ({ uid: r.recordUid, type: r.data.type, title: r.data.title }));
    if (args.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else {
      const columns = [{ header: 'UID' }, { header: 'Record Type' }, { header: 'Title' }];
      process.stdout.write(
        formatTable(
          columns,
          rows.map((row) => [row.uid, row.type, row.title]),
        ),
      );
    }
  },
});

const get = defineCommand({
  meta: { name: 'get', description: 'Show a record; values are masked unless --unmask' },
  args: {
    ...globalArgs,
    uid: { type: 'string', alias: 'u', required: true, description: 'Record UID' },
    field: { type: 'string', description: 'Only this field (type or label)' },
    unmask: { type: 'boolean', description: 'Show secret values' },
  },
  async run({ args }) {
    requireUid(args.uid);
    const { records } = await (await clientFor(args)).getSecrets({ uids: [args.uid] });
    const record = records[0];
    if (record === undefined)
      throw new UserError(`No record ${args.uid} is shared with this device`, { exitCode: EXIT.NOT_FOUND });
    const unmask = args.unmask === true;
    const fields = [...record.data.fields, ...(record.data.custom ?? [])].map((f) => ({
      type: f.type,
      label: f.label ?? '',
      value: (f.value as unknown[]).map((v) => mask(typeof v === 'string' ? v : JSON.stringify(v), unmask)),
    }));
    const chosen =
      args.field === undefined ? fields : fields.filter((f) => f.type === args.field || f.label === args.field);
    if (args.field !== undefined && chosen.length === 0) {
      throw new UserError(`Record ${args.uid} has no field "${args.field}"`, { exitCode: EXIT.NOT_FOUND });
    }
    if (args.json) {
      const out = { uid: record.recordUid, title: record.data.title, type: record.data.type, fields: chosen };
      process.stdout.write(`${JSON.stringify(args.field === undefined ? out : chosen)}\n`);
      return;
    }
    if (args.field === undefined)
      process.stdout.write(`${record.data.title} (${record.data.type}) ${record.recordUid}\n`);
    for (const f of chosen) {
      const value = f.value.join(', ');
      process.stdout.write(args.field === undefined ? `  ${f.label || f.type}: ${value}\n` : `${value}\n`);
    }
  },
});

const notation = defineCommand({
  meta: { name: 'notation', description: 'Print the value a keeper:// notation points to' },
  args: { ...globalArgs, uri: { type: 'positional', required: true, description: 'keeper://UID/field/TYPE' } },
  async run({ args }) {
    const values = await (await clientFor(args)).getNotationResults(args.uri);
    process.stdout.write(args.json ? `${JSON.stringify(values)}\n` : `${values.join('\n')}\n`);
  },
});

const totp = defineCommand({
  meta: { name: 'totp', description: 'Print the current TOTP code of a record' },
  args: { ...globalArgs, uid: { type: 'positional', required: true, description: 'Record UID' } },
  async run({ args }) {
    requireUid(args.uid);
    const { records } = await (await clientFor(args)).getSecrets({ uids: [args.uid] });
    const field = records[0]?.data.fields.find((f) => f.type === 'oneTimeCode');
    const uri = field?.value[0];
    if (typeof uri !== 'string')
      throw new UserError(`Record ${args.uid} has no one-time code`, { exitCode: EXIT.NOT_FOUND });
    const code = await getTotpCode(uri);
    if (code === null)
      throw new UserError(`Record ${args.uid} has an invalid one-time code URI`, { exitCode: EXIT.NOT_FOUND });
    process.stdout.write(args.json ? `${JSON.stringify(code)}\n` : `${code.code}\n`);
  },
});

const download = defineCommand({
  meta: { name: 'download', description: 'Save a file attached to a record (written 0600)' },
  args: {
    ...globalArgs,
    uid: { type: 'string', alias: 'u', required: true, description: 'Record UID' },
    name: { type: 'string', required: true, description: 'Attachment name, title or file UID' },
    'file-output': { type: 'string', required: true, description: 'Where to save it' },
  },
  async run({ args }) {
    requireUid(args.uid);
    const client = await clientFor(args);
    const { records } = await client.getSecrets({ uids: [args.uid] });
    const record = records[0];
    if (record === undefined)
      throw new UserError(`No record ${args.uid} is shared with this device`, { exitCode: EXIT.NOT_FOUND });
    const file = record.files.find(
      (f) => f.metadata.name === args.name || f.metadata.title === args.name || f.fileUid === args.name,
    );
    if (file === undefined)
      throw new UserError(`Record ${args.uid} has no attachment "${args.name}"`, { exitCode: EXIT.NOT_FOUND });
    await writeFileAtomic(args['file-output'], await client.downloadFile(file));
    report(args, `Saved ${file.metadata.name} to ${args['file-output']}`, { saved: args['file-output'] });
  },
});

const password = defineCommand({
  meta: { name: 'password', description: 'Generate a random password' },
  args: { ...globalArgs, length: { type: 'string', description: 'Length (default 32)' } },
  async run({ args }) {
    const length = args.length === undefined ? undefined : Number(args.length);
    if (length !== undefined && (!Number.isSafeInteger(length) || length < 1))
      throw new UserError('--length must be a whole number of at least 1, e.g. --length 32', { exitCode: EXIT.USAGE });
    const password = generatePassword(length === undefined ? {} : { length });
    report(args, password, password);
  },
});

/**
 * The `ksm secret` command group.
 *
 * @example
 * subCommands: { secret: secretCommand }
 */
export const secretCommand = defineCommand({
  meta: { name: 'secret', description: 'Read secrets' },
  subCommands: { list, get, notation, totp, download, password },
});
