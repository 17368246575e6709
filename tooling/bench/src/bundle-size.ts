// Worker bundle size: all of @ksmkit/core bundled and minified by esbuild vs the official SDK's ES build.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './harness.js';
import { bundleForWorker, kb, officialEsBuildPath } from './worker-bundle.js';

/** What a Worker that fetches and resolves secrets imports: the device side of the protocol. */
const DEVICE_SIDE = `export {
  buildRequest, decryptResponse, decryptSecrets, decryptFolders, computeClientId, generateEcKeyPair, normalizePkcs8,
  parseNotation, getNotationResults, evaluateNotation, getTotpCode, KsmError, isKsmError,
} from '@ksmkit/core';`;

export async function run(): Promise<BenchRow[]> {
  const officialShipped = readFileSync(officialEsBuildPath());
  const officialMinified = await bundleForWorker(`export * from ${JSON.stringify(officialEsBuildPath())};`);
  const rows: BenchRow[] = [];
  for (const [label, entry] of [
    ['Worker, device side of @ksmkit/core', DEVICE_SIDE],
    ['all of @ksmkit/core', `export * from '@ksmkit/core';`],
  ] as const) {
    const ours = await bundleForWorker(entry);
    rows.push(
      {
        benchmark: `${label}, minified`,
        unit: 'KB',
        ours: kb(ours),
        official: kb(officialShipped),
        better: 'lower',
        note: 'official: its ES build as shipped',
      },
      {
        benchmark: `${label}, min + gzip`,
        unit: 'KB',
        ours: kb(gzipSync(ours)),
        official: kb(gzipSync(officialShipped)),
        better: 'lower',
        note: 'official: its ES build as shipped',
      },
      {
        benchmark: `${label}, min + gzip`,
        unit: 'KB',
        ours: kb(gzipSync(ours)),
        official: kb(gzipSync(officialMinified)),
        better: 'lower',
        note: 'official: its ES build re-minified by esbuild',
      },
    );
  }
  return rows;
}
