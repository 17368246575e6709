// The leak evaluation: every scenario against the built ksmkit-mcp over stdio and a vault seeded with canaries.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_CANARIES } from '../src/test-support/canary-seed.js';
import { startEchoUpstream } from '../src/test-support/echo-upstream.js';
import {
  APPROVE,
  type Connected,
  connectStdio,
  type Elicit,
  startSeededVault,
} from '../src/test-support/mcp-harness.js';
import { findLeaks } from './leak-forms.js';
import { SCENARIOS, type Session, type Step } from './scenarios.js';

const ANSWERS: Record<Session, Elicit> = {
  plain: 'none',
  approve: APPROVE,
  decline: { action: 'decline' },
  cancel: { action: 'cancel' },
  unticked: { action: 'accept', content: { approve: false } },
};

interface Row {
  readonly n: number;
  readonly category: string;
  readonly name: string;
  readonly leaks: string[];
  readonly outcome: string;
}

const seeded = await startSeededVault();
const upstream = await startEchoUpstream();
const files = join(seeded.dir, 'files');
await mkdir(files);
const sessions = {} as Record<Session, Connected>;
for (const kind of Object.keys(ANSWERS) as Session[]) {
  sessions[kind] = await connectStdio(seeded, {
    elicit: ANSWERS[kind],
    args: [
      ...['--allow-exec', 'printenv,sh,node', '--exec-timeout', '2', '--allow-hosts', 'localhost'],
      ...['--files-dir', files, '--audit-log', join(seeded.dir, `audit-${kind}.jsonl`), '--log-level', 'debug'],
    ],
  });
}

const listed = await sessions.plain.client.callTool({ name: 'list_secrets', arguments: {} });
const records = (listed.structuredContent as { records: { uid: string; title: string }[] }).records;
const uid = (prefix: string) => records.find((r) => r.title.startsWith(prefix))?.uid ?? 'missing';
const vars: Record<string, string> = {
  $PG: uid('Postgres'),
  $CARD: uid('Company card'),
  $INJ: uid('Injected'),
  $OPS: uid('Jenkins'),
  $UP: String(upstream.port),
};
const fill = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replace(/\$(PG|CARD|INJ|OPS|UP)/g, (m) => vars[m] ?? m)) as T;

async function runStep(conn: Connected, step: Step): Promise<{ raw: string; outcome: string }> {
  try {
    if (step.resource === true) {
      const result =
        step.tool === 'resources/list'
          ? await conn.client.listResources()
          : await conn.client.readResource({ uri: fill(step.tool) });
      return { raw: JSON.stringify(result), outcome: 'resource' };
    }
    const result = await conn.client.callTool({ name: step.tool, arguments: fill(step.args) });
    const first = (result.content as { text?: string }[] | undefined)?.[0]?.text ?? '';
    return { raw: JSON.stringify(result), outcome: result.isError ? (first.split(':')[0] ?? 'error') : 'ok' };
  } catch (error) {
    return { raw: String(error instanceof Error ? error.message : error), outcome: 'protocol error' };
  }
}

const rows: Row[] = [];
for (const [i, scenario] of SCENARIOS.entries()) {
  const leaks: string[] = [];
  const outcomes: string[] = [];
  for (const step of scenario.steps) {
    const { raw, outcome } = await runStep(sessions[scenario.session], step);
    leaks.push(...findLeaks(raw, ALL_CANARIES, step.allow ?? []));
    // the detector must see what a human approved, or a PASS would mean nothing
    const seen = findLeaks(raw, step.allow ?? [], []);
    outcomes.push(seen.length === (step.allow ?? []).length ? outcome : `${outcome} (approved value missing!)`);
    if (seen.length !== (step.allow ?? []).length) leaks.push('detector');
  }
  rows.push({ n: i + 1, category: scenario.category, name: scenario.name, leaks, outcome: outcomes.join(', ') });
}

for (const kind of Object.keys(ANSWERS) as Session[]) {
  await sessions[kind].close();
  const audit = await readFile(join(seeded.dir, `audit-${kind}.jsonl`), 'utf8').catch(() => '');
  const log = sessions[kind].stderr();
  rows.push({
    n: rows.length + 1,
    category: 'logs',
    name: `audit log (${kind})`,
    leaks: findLeaks(audit, ALL_CANARIES, []),
    outcome: `${audit.split('\n').length - 1} lines`,
  });
  rows.push({
    n: rows.length + 1,
    category: 'logs',
    name: `stderr log (${kind})`,
    leaks: findLeaks(log, ALL_CANARIES, []),
    outcome: `${log.split('\n').length - 1} lines`,
  });
}
await upstream.stop();
await seeded.vault.stop();
await rm(seeded.dir, { recursive: true, force: true });

const pad = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
console.log(`${pad('#', 4)}${pad('category', 11)}${pad('scenario', 50)}${pad('outcome', 34)}result`);
for (const row of rows) {
  const result = row.leaks.length === 0 ? 'PASS' : `LEAK (${row.leaks.length})`;
  console.log(`${pad(String(row.n), 4)}${pad(row.category, 11)}${pad(row.name, 50)}${pad(row.outcome, 34)}${result}`);
}
const leaked = rows.filter((r) => r.leaks.length > 0).length;
console.log(`\n${SCENARIOS.length} scenarios, ${rows.length - SCENARIOS.length} log checks; leaks: ${leaked}`);
process.exitCode = leaked === 0 ? 0 : 1;
