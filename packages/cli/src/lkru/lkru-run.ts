// The `lkru` commands (get, set, del, help) over the Secret Service, as Keeper's Linux Keyring Utility documents them.
import { keyringDelete, keyringGet, keyringSet } from '@ksmkit/config/keyring';
import { UserError } from '@ksmkit/runner';
import { exitCodeFor } from '../shared/exit-code-for.js';
import { EXIT } from '../shared/exit-codes.js';

/** Where `lkru` reads input and writes output. */
export interface LkruIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  /** All of stdin, as bytes (binary-safe for `set -b NAME -`). */
  readStdin(): Promise<Uint8Array>;
}

const USAGE = 'usage: lkru [-a APP] [-c COLLECTION] get [-b] NAME | lkru set [-b] NAME DATA|- | lkru del NAME...';
const HELP = `lkru: get and set secrets in the Linux keyring (Secret Service over D-Bus)

${USAGE}

  get NAME          print the secret NAME
  set NAME DATA     store DATA as NAME (DATA "-" reads stdin)
  del NAME...       delete the secrets
  -b, --base64      get: decode the stored base64; set: store the data base64-encoded
  -a, --application APP   attribute Application (default lkru)
  -c, --collection NAME   keyring collection (default: the default alias)
  --                ends the options (for a value that starts with "-")
  -h, --help        this help

Exit codes: 0 ok, 2 usage, 6 no keyring, 7 no matching secret, 8 no D-Bus session, 9 no D-Bus,
11 keyring locked and nobody to unlock it.
`;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(text: string, name: string): string {
  if (!BASE64.test(text)) {
    throw new UserError(`Secret "${name}" is not base64; run "lkru get ${name}" without -b`, { exitCode: EXIT.USAGE });
  }
  return Buffer.from(text, 'base64').toString('utf8');
}

/**
 * Splits `-b/--base64`, `-a/--application NAME`, `-c/--collection NAME` and `-h/--help` from the words; `--` ends
 * the options. An unknown option is never echoed: it may be a secret value that starts with `-`.
 */
function parseFlags(argv: readonly string[]) {
  let base64 = false;
  let help = false;
  let application: string | undefined;
  let collection: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (word === '-b' || word === '--base64') base64 = true;
    else if (word === '-h' || word === '--help') help = true;
    else if (['-a', '--application', '-c', '--collection'].includes(word)) {
      const value = argv[++i];
      if (value === undefined || value === '')
        throw new UserError(`${word} needs a value; ${USAGE}`, { exitCode: EXIT.USAGE });
      if (word === '-a' || word === '--application') application = value;
      else collection = value;
    } else if (word.startsWith('-') && word !== '-') {
      throw new UserError(
        `Unknown option (not shown: it may be a secret). Put -- before a value that starts with "-"; ${USAGE}`,
        { exitCode: EXIT.USAGE },
      );
    } else words.push(word);
  }
  return { base64, help, application, collection, words };
}

/** Runs a keyring call; its failure reads `Unable to <verb> secret '<name>': <why>` and keeps its exit code. */
async function attempt<T>(verb: string, name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!(error instanceof Error) || typeof code !== 'string' || !code.startsWith('ERR_')) throw error;
    throw new UserError(`Unable to ${verb} secret '${name}': ${error.message}`, {
      exitCode: exitCodeFor(code),
      code,
      cause: error,
    });
  }
}

/**
 * Runs one `lkru` invocation (`argv` without the program name); throws UserError on failure.
 *
 * @example
 * await runLkru(['get', '-b', 'ksm-config'], { env: process.env, stdout: process.stdout, readStdin });
 */
export async function runLkru(argv: readonly string[], io: LkruIo): Promise<void> {
  const { base64, help, application, collection, words } = parseFlags(argv);
  const [command, ...args] = words;
  if (help || command === 'help') {
    io.stdout.write(HELP);
    return;
  }
  const options = { env: io.env, application, collection };
  const name = args[0];
  if (command === 'get' && args.length === 1 && name) {
    const value = await attempt('get', name, () => keyringGet(name, options));
    io.stdout.write(`${base64 ? decodeBase64(value, name) : value}\n`); // lkru prints with a newline
    return;
  }
  if (command === 'set' && args.length === 2 && name && args[1] !== undefined) {
    const bytes = args[1] === '-' ? Buffer.from(await io.readStdin()) : Buffer.from(args[1], 'utf8');
    const data = base64 ? bytes.toString('base64') : bytes.toString('utf8');
    await attempt('set', name, () => keyringSet(name, data, options));
    return;
  }
  if ((command === 'del' || command === 'delete') && args.length > 0) {
    // stops at the first error, as lkru does
    for (const item of args) await attempt('delete', item, () => keyringDelete(item, options));
    return;
  }
  throw new UserError(USAGE, { exitCode: EXIT.USAGE });
}
