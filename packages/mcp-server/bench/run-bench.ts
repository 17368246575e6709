// MCP benchmarks: tool latency over stdio and HTTP next to the core client, and the cold start, on 1,000 records.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createEnvStorage, createNodeClient } from '@ksmkit/config';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  type Connected,
  connectHttp,
  connectStdio,
  MAIN,
  runMcpBinary,
  type SeededVault,
  startHttpServer,
  startSeededVault,
} from '../src/test-support/mcp-harness.js';
import { type Latency, measure, ms, printTable } from './latency.js';

const RECORDS = Number(process.env.KSMKIT_BENCH_MCP_RECORDS ?? 1_000);
const CALLS = Number(process.env.KSMKIT_BENCH_MCP_CALLS ?? 1_000);
const COLD_RUNS = Number(process.env.KSMKIT_BENCH_MCP_COLD_RUNS ?? 10);

const seed = {
  folders: [
    {
      name: 'Bench',
      records: Array.from({ length: RECORDS }, (_, i) => ({
        type: 'login',
        title: `Record ${String(i).padStart(4, '0')}`,
        fields: {
          login: `svc-${i}@example.com`,
          password: `p4ss-${i}-Xq9!vR2#mZ7`,
          url: `https://app-${i}.example.com`,
        },
        custom: [{ type: 'text', label: 'Environment', value: i % 2 === 0 ? 'production' : 'staging' }],
      })),
    },
  ],
  apps: [{ name: 'agent', shares: [{ folder: 'Bench' }] }],
};

type Op = 'list_secrets' | 'get_field (masked)' | 'search_secrets';
const OPS: readonly Op[] = ['list_secrets', 'get_field (masked)', 'search_secrets'];

async function mcpOps(conn: Connected, uid: string): Promise<Record<Op, Latency>> {
  const call = (name: string, args: Record<string, unknown>) => () => conn.client.callTool({ name, arguments: args });
  return {
    list_secrets: await measure(call('list_secrets', { limit: 50 }), CALLS),
    'get_field (masked)': await measure(call('get_field', { notation: `keeper://${uid}/field/password` }), CALLS),
    search_secrets: await measure(call('search_secrets', { query: 'Record 09', limit: 50 }), CALLS),
  };
}

async function directOps(seeded: SeededVault, uid: string): Promise<Record<Op, Latency>> {
  const { client } = await createNodeClient({
    storage: createEnvStorage({ KSM_CONFIG: seeded.ksmConfig }),
    cache: { ttlMs: 600_000 },
  });
  return {
    list_secrets: await measure(
      async () => (await client.getSecrets()).records.slice(0, 50).map((r) => r.data.title),
      CALLS,
    ),
    'get_field (masked)': await measure(() => client.getNotationResults(`keeper://${uid}/field/password`), CALLS),
    search_secrets: await measure(
      async () => (await client.getSecrets()).records.filter((r) => r.data.title.includes('Record 09')).slice(0, 50),
      CALLS,
    ),
  };
}

/** Spawn → initialize → first list_secrets result, in ms. */
async function coldStart(seeded: SeededVault): Promise<number> {
  const t0 = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MAIN, 'stdio'],
    env: { PATH: process.env.PATH ?? '', HOME: seeded.dir, KSM_CONFIG: seeded.ksmConfig },
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  await client.callTool({ name: 'list_secrets', arguments: { limit: 50 } });
  const elapsed = performance.now() - t0;
  await client.close();
  return elapsed;
}

/** Node's own start (spawn → exit), the floor under any cold start. */
function nodeStart(): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve) =>
    spawn(process.execPath, ['-e', '0']).once('exit', () => resolve(performance.now() - t0)),
  );
}

const seeded = await startSeededVault(seed);
try {
  const stdio = await connectStdio(seeded);
  const first = await stdio.client.callTool({ name: 'list_secrets', arguments: { limit: 1 } });
  const uid = (first.structuredContent as { records: { uid: string }[] }).records[0]?.uid ?? '';
  const direct = await directOps(seeded, uid);
  const overStdio = await mcpOps(stdio, uid);
  await stdio.close();
  const clientsFile = join(seeded.dir, 'clients.json');
  const added = await runMcpBinary(seeded, ['clients', 'add', 'bench', '--json', '--clients-file', clientsFile]);
  const http = await startHttpServer(seeded, ['--clients-file', clientsFile, '--rate-limit', '0']);
  const httpConn = await connectHttp(http.url, (JSON.parse(added.stdout) as { token: string }).token);
  const overHttp = await mcpOps(httpConn, uid);
  await httpConn.close();
  await http.stop();
  printTable(
    `MCP tool latency, ${CALLS.toLocaleString('en-US')} calls each, ${RECORDS.toLocaleString('en-US')}-record vault, client cache on (ms)`,
    [
      'operation',
      'core client p50',
      'core p99',
      'stdio p50',
      'stdio p99',
      'HTTP p50',
      'HTTP p99',
      'stdio overhead p50',
    ],
    OPS.map((op) => [
      op,
      ms(direct[op].p50),
      ms(direct[op].p99),
      ms(overStdio[op].p50),
      ms(overStdio[op].p99),
      ms(overHttp[op].p50),
      ms(overHttp[op].p99),
      ms(overStdio[op].p50 - direct[op].p50),
    ]),
  );
  const colds: number[] = [];
  const nodes: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    colds.push(await coldStart(seeded));
    nodes.push(await nodeStart());
  }
  colds.sort((a, b) => a - b);
  nodes.sort((a, b) => a - b);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? Number.NaN;
  printTable(
    `Cold start: spawn ksmkit-mcp, initialize, first list_secrets (${COLD_RUNS} runs, ms; target ≤ 300)`,
    ['measure', 'median', 'min', 'max'],
    [
      ['ksmkit-mcp cold start', ms(median(colds)), ms(colds[0] ?? 0), ms(colds.at(-1) ?? 0)],
      ['node -e 0 (floor)', ms(median(nodes)), ms(nodes[0] ?? 0), ms(nodes.at(-1) ?? 0)],
    ],
  );
} finally {
  await seeded.vault.stop();
}
