// The `lkru` commands (get, set, del) over the Secret Service, separate from the bin entry so errors stay thrown.
import { keyringDelete, keyringGet, keyringSet } from '@ksmkit/config/keyring';
import { UserError } from '@ksmkit/runner';
import { EXIT } from '../shared/exit-codes.js';

/** Where `lkru` reads input and writes output. */
export interface LkruIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readStdin(): Promise<string>;
}

const USAGE = 'usage: lkru [-a APP] [-c COLLECTION] get [-b] NAME | lkru set [-b] NAME DATA|- | lkru del NAME...';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(text: string, name: string): string {
  if (!BASE64.test(text)) {
    throw new UserError(`Secret "${name}" is not base64; run "lkru get ${name}" without -b`, { exitCode: EXIT.USAGE });
  }
  return Buffer.from(text, 'base64').toString('utf8');
}

/** Splits `-b/--base64`, `-a/--application NAME` and `-c/--collection NAME` (as lkru's flags) from the words. */
function parseFlags(argv: readonly string[]) {
  let base64 = false;
  let application: string | undefined;
  let collection: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '-b' || word === '--base64') base64 = true;
    else if (['-a', '--application', '-c', '--collection'].includes(word)) {
      const value = argv[++i];
      if (value === undefined || value === '')
        throw new UserError(`${word} needs a value; ${USAGE}`, { exitCode: EXIT.USAGE });
      if (word === '-a' || word === '--application') application = value;
      else collection = value;
    } else if (word.startsWith('-') && word !== '-')
      throw new UserError(`Unknown option ${word}; ${USAGE}`, { exitCode: EXIT.USAGE });
    else words.push(word);
  }
  return { base64, application, collection, words };
}

/**
 * Runs one `lkru` invocation (`argv` without the program name); throws UserError/ConfigError on failure.
 *
 * @example
 * await runLkru(['get', '-b', 'ksm-config'], { env: process.env, stdout: process.stdout, readStdin });
 */
export async function runLkru(argv: readonly string[], io: LkruIo): Promise<void> {
  const { base64, application, collection, words } = parseFlags(argv);
  const [command, ...args] = words;
  const options = { env: io.env, application, collection };
  if (command === 'get' && args.length === 1 && args[0]) {
    const value = await keyringGet(args[0], options);
    io.stdout.write(`${base64 ? decodeBase64(value, args[0]) : value}\n`); // lkru prints with a newline
    return;
  }
  if (command === 'set' && args.length === 2 && args[0] && args[1] !== undefined) {
    const data = args[1] === '-' ? await io.readStdin() : args[1];
    await keyringSet(args[0], base64 ? Buffer.from(data, 'utf8').toString('base64') : data, options);
    return;
  }
  if ((command === 'del' || command === 'delete') && args.length > 0) {
    for (const name of args) await keyringDelete(name, options); // stops at the first error, as lkru does
    return;
  }
  throw new UserError(USAGE, { exitCode: EXIT.USAGE });
}
