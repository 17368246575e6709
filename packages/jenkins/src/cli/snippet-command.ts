// `ksm-step snippet`: the plugin's "Generate Pipeline Script" for Jenkins, GitHub Actions and GitLab.
import { UserError } from '@ksmkit/runner';
import { defineCommand } from 'citty';
import { parseSnippetSecret, renderSnippets } from '../snippet.js';

/** `ksm-step snippet --credential ID --secret 'NOTATION > env:NAME' …`. */
export const snippetCommand = defineCommand({
  meta: { name: 'snippet', description: 'Print a withKsm block, a GitHub Actions step and a GitLab job' },
  args: {
    credential: { type: 'string', required: true, description: 'Credential id' },
    secret: { type: 'string', description: "A secret as 'NOTATION > env:NAME' or 'NOTATION > file:PATH' (repeatable)" },
  },
  run({ args, rawArgs }) {
    const lines: string[] = [];
    for (let i = 0; i < rawArgs.length; i++) {
      const arg = rawArgs[i] as string;
      if (arg === '--secret' && rawArgs[i + 1] !== undefined) lines.push(rawArgs[++i] as string);
      else if (arg.startsWith('--secret=')) lines.push(arg.slice('--secret='.length));
    }
    if (lines.length === 0) throw new UserError("Give at least one --secret 'NOTATION > env:NAME'", { exitCode: 2 });
    let secrets: ReturnType<typeof parseSnippetSecret>[];
    try {
      secrets = lines.map(parseSnippetSecret);
    } catch (error) {
      throw new UserError((error as Error).message, { exitCode: 2 });
    }
    process.stdout.write(renderSnippets(args.credential, secrets));
  },
});
