// Test harness: a real vault with the canary seed, a device config for it, and the built binary driven by the SDK Client.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestVault, type TestVault } from '@ksmkit/test-support';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { CANARY_SEED } from './canary-seed.js';

/** The built binary. */
export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** A vault with the canary seed and a bound device config (base64) of the app `agent`. */
export interface SeededVault {
  readonly vault: TestVault;
  readonly ksmConfig: string;
  /** A fresh temporary directory (HOME, audit logs). */
  readonly dir: string;
}

/**
 * Starts a real vault with the canary seed and mints a device config for the app `agent`.
 *
 * @example
 * const { vault, ksmConfig } = await startSeededVault();
 */
export async function startSeededVault(seed: Record<string, unknown> = CANARY_SEED): Promise<SeededVault> {
  const vault = await startTestVault({ seed });
  const { config } = (await vault.admin(['client', 'add', '--app', 'agent', '--config-init', 'json'])) as {
    config: Record<string, unknown>;
  };
  if (vault.caCertPath === null) throw new Error('the test vault serves no CA certificate');
  const caCertificate = await readFile(vault.caCertPath, 'utf8');
  const ksmConfig = Buffer.from(JSON.stringify({ ...config, caCertificate })).toString('base64');
  const dir = await mkdtemp(join(tmpdir(), 'ksmkit-mcp-'));
  return { vault, ksmConfig, dir };
}

/** How the test client answers elicitation: a fixed answer, a function, or no capability at all. */
export type Elicit = 'none' | ElicitResult | ((message: string) => ElicitResult);

/** A connected SDK client plus what the server wrote to stderr. */
export interface Connected {
  readonly client: Client;
  readonly stderr: () => string;
  /** Messages the server asked the human. */
  readonly asked: string[];
  close(): Promise<void>;
}

/**
 * Spawns the built `ksmkit-mcp stdio` with `args` and connects the SDK's own Client to it.
 *
 * @example
 * const { client } = await connectStdio(seeded, { elicit: { action: 'accept', content: { approve: true } } });
 */
export async function connectStdio(
  seeded: SeededVault,
  options: { readonly args?: readonly string[]; readonly elicit?: Elicit; readonly env?: Record<string, string> } = {},
): Promise<Connected> {
  const elicit = options.elicit ?? 'none';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MAIN, 'stdio', ...(options.args ?? [])],
    env: { PATH: process.env.PATH ?? '', HOME: seeded.dir, KSM_CONFIG: seeded.ksmConfig, ...options.env },
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const client = new Client(
    { name: 'ksmkit-test', version: '1.0.0' },
    { capabilities: elicit === 'none' ? {} : { elicitation: { form: {} } } },
  );
  const asked: string[] = [];
  if (elicit !== 'none') {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      const message = String(request.params.message);
      asked.push(message);
      return typeof elicit === 'function' ? elicit(message) : elicit;
    });
  }
  await client.connect(transport);
  return { client, stderr: () => err, asked, close: () => client.close() };
}

/** The text of a tool result (all text parts joined). */
export function resultText(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((c) => c.text ?? '').join('\n');
}

/** An elicitation answer that approves. */
export const APPROVE: ElicitResult = { action: 'accept', content: { approve: true } };

/** A running `ksmkit-mcp http` process. */
export interface HttpServerProcess {
  readonly url: string;
  readonly port: number;
  readonly stderr: () => string;
  stop(): Promise<void>;
}

/**
 * Runs the built binary with `args` and resolves with its stdout (for `clients add --json`).
 *
 * @example
 * const out = await runBinary(seeded, ['clients', 'add', 'claude', '--json', '--clients-file', file]);
 */
export function runMcpBinary(
  seeded: SeededVault,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: seeded.dir, KSM_CONFIG: seeded.ksmConfig } },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      },
    );
  });
}

/**
 * Spawns `ksmkit-mcp http --port 0 …` and waits for its ready line.
 *
 * @example
 * const http = await startHttpServer(seeded, ['--clients-file', file]);
 */
export async function startHttpServer(seeded: SeededVault, args: readonly string[]): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [MAIN, 'http', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: seeded.dir, KSM_CONFIG: seeded.ksmConfig },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      const match = /listening on (\S+)/.exec(err);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`ksmkit-mcp http exited with ${code}: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    port: Number(new URL(url).port),
    stderr: () => err,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Connects the SDK Client over Streamable HTTP with a bearer token.
 *
 * @example
 * const conn = await connectHttp(http.url, token);
 */
export async function connectHttp(url: string, token: string, elicit: Elicit = 'none'): Promise<Connected> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  const client = new Client(
    { name: 'ksmkit-test-http', version: '1.0.0' },
    { capabilities: elicit === 'none' ? {} : { elicitation: { form: {} } } },
  );
  const asked: string[] = [];
  if (elicit !== 'none') {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(String(request.params.message));
      return typeof elicit === 'function' ? elicit(String(request.params.message)) : elicit;
    });
  }
  await client.connect(transport);
  return { client, stderr: () => '', asked, close: () => client.close() };
}
