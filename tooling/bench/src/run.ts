// Runs every benchmark suite in one process and prints one table per suite (ksmkit vs the official SDK).
import { run as bundleSize } from './bundle-size.js';
import { run as cliColdStart } from './cli-cold-start.js';
import { run as client } from './client.js';
import { runEdge } from './edge-proxy.js';
import { type BenchRow, printTable } from './harness.js';
import { run as keychain } from './keychain.js';
import { runKsmStep } from './ksm-step.js';
import { run as notation } from './notation.js';
import { run as redact } from './redact.js';
import { run as request } from './request.js';
import { run as vault } from './vault.js';
import { run as vaultLoad } from './vault-load.js';

interface Suite {
  readonly title: string;
  readonly run: () => Promise<readonly BenchRow[]>;
  /** What the comparison column holds, when it is not the official SDK. */
  readonly theirs?: string;
}

const suites: Suite[] = [
  { title: 'Key chain: decrypt a get_secret response (median wall time)', run: keychain },
  { title: 'One request: ECIES-wrap a transmission key, encrypt, sign', run: request },
  { title: 'Keeper Notation over 1,000 fetched records', run: notation },
  { title: 'Worker bundle size (esbuild, minified)', run: bundleSize },
  { title: 'Local vault: get_secret of 100 records under 1, 8 and 32 official-SDK clients', run: vault },
  { title: 'Client vs official SDK against the local vault', run: client },
  {
    title: 'Secret masker throughput on build-log text, all forms on (@ksmkit/redact vs naive baselines)',
    run: redact,
    theirs: 'baseline',
  },
  {
    title: 'Local vault load: 10,000 get_secret at 32 official-SDK clients, without and with a 100 MiB attachment',
    run: vaultLoad,
  },
  { title: 'CI step setup: ksm-step run -- true (wall time of a fresh process)', run: runKsmStep, theirs: 'baseline' },
  { title: 'Edge proxy under wrangler dev: cached resolve vs a naive official-SDK Worker', run: runEdge },
  { title: 'CLI cold start: one-shot notation read', run: cliColdStart },
];

const only = process.argv.slice(2);
for (const suite of suites) {
  if (only.length > 0 && !only.some((word) => suite.title.toLowerCase().includes(word.toLowerCase()))) continue;
  printTable(suite.title, await suite.run(), suite.theirs);
}
