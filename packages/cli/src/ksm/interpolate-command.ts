// `ksm interpolate`: renders a template, replacing every keeper:// notation with its value (0600 output file).
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@ksmkit/config';
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { EXIT } from '../shared/exit-codes.js';
import { clientFor, globalArgs } from './context.js';

const NOTATION = /keeper:\/\/[^\s"'`<>]+/g;

/**
 * The `ksm interpolate` command.
 *
 * @example
 * // ksm interpolate --in app.env.tmpl --out app.env
 */
export const interpolateCommand = defineCommand({
  meta: { name: 'interpolate', description: 'Render a template file, replacing keeper:// notations' },
  args: {
    ...globalArgs,
    in: { type: 'string', required: true, description: 'Template file' },
    out: { type: 'string', description: 'Output file (written 0600); default stdout' },
  },
  async run({ args }) {
    let template: string;
    try {
      template = await readFile(args.in, 'utf8');
    } catch {
      throw new UserError(`Cannot read template ${args.in}; check the path`, { exitCode: EXIT.NOT_FOUND });
    }
    const notations = [...new Set(template.match(NOTATION) ?? [])];
    const values = new Map<string, string>();
    if (notations.length > 0) {
      const client = await clientFor(args);
      for (const notation of notations) values.set(notation, (await client.getNotationResults(notation)).join(','));
    }
    const rendered = template.replace(NOTATION, (notation) => values.get(notation) ?? notation);
    if (args.out === undefined) process.stdout.write(rendered);
    else await writeFileAtomic(args.out, rendered);
  },
});
