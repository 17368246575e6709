// The MCP part of the demo: `ksmkit-mcp http` on loopback with a bearer token, checked with the MCP SDK's Client.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { binaryOf, startNode } from './child.js';

/** A running MCP server and what an agent needs to reach it. */
export interface DemoMcp {
  readonly url: string;
  readonly token: string;
  /** What `get_field` showed the agent for the Postgres password (masked). */
  readonly maskedPassword: string;
  readonly recordTitles: readonly string[];
}

/**
 * Registers an MCP client, starts the HTTP server with the device config in `KSM_CONFIG`, and asks it, as an agent
 * would, for the records and for a password (which comes back masked).
 *
 * @example
 * const mcp = await startMcp(dir, config, 8787);
 */
export async function startMcp(dir: string, config: string, port: number): Promise<DemoMcp> {
  const bin = binaryOf('@ksmkit/mcp-server', 'dist/main.js');
  const clientsFile = join(dir, 'mcp-clients.json');
  const added = JSON.parse(
    execFileSync(
      process.execPath,
      [
        bin,
        'clients',
        'add',
        'demo-agent',
        '--scopes',
        'read,use',
        '--expires',
        '1d',
        '--clients-file',
        clientsFile,
        '--json',
      ],
      { encoding: 'utf8' },
    ),
  ) as { token: string };
  const env = { ...process.env, KSM_CONFIG: config, HOME: dir };
  const { line } = await startNode(
    bin,
    ['http', '--port', String(port), '--clients-file', clientsFile, '--log-level', 'info'],
    { env, isReady: (text) => text.includes('http://') },
  );
  const url = /http:\/\/[^\s"]+/.exec(line)?.[0] ?? `http://127.0.0.1:${port}/mcp`;
  const client = new Client({ name: 'ksmkit-demo', version: '0.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${added.token}` } },
    }),
  );
  try {
    const list = (await client.callTool({ name: 'list_secrets', arguments: {} })).structuredContent as {
      records: { title: string }[];
    };
    const field = (
      await client.callTool({ name: 'get_field', arguments: { notation: 'keeper://Postgres/field/password' } })
    ).structuredContent as { values?: unknown[] };
    return {
      url,
      token: added.token,
      maskedPassword: String(field.values?.[0]),
      recordTitles: list.records.map((record) => record.title),
    };
  } finally {
    await client.close();
  }
}
