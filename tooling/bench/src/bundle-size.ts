// Worker bundle size: all of @ksmkit/core bundled and minified by esbuild vs the official SDK's ES build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchRow } from './harness.js';

const require = createRequire(import.meta.url);

/** Bundles `contents` for a Worker (ESM, browser conditions, minified) and returns the bytes. */
async function bundleForWorker(contents: string, resolveDir: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.contents ?? new Uint8Array();
}

const kb = (bytes: Uint8Array | Buffer) => Math.round((bytes.length / 1024) * 10) / 10;

/** The official SDK's browser ES build, the file a Worker would bundle. */
function officialEsBuildPath(): string {
  const main = require.resolve('@keeper-security/secrets-manager-core');
  return join(dirname(main), 'index.es.js');
}

/** What a Worker that fetches and resolves secrets imports: the device side of the protocol. */
const DEVICE_SIDE = `export {
  buildRequest, decryptResponse, decryptSecrets, decryptFolders, computeClientId, generateEcKeyPair, normalizePkcs8,
  parseNotation, getNotationResults, evaluateNotation, getTotpCode, KsmError, isKsmError,
} from '@ksmkit/core';`;

export async function run(): Promise<BenchRow[]> {
  const officialShipped = readFileSync(officialEsBuildPath());
  const officialMinified = await bundleForWorker(
    `export * from ${JSON.stringify(officialEsBuildPath())};`,
    import.meta.dirname,
  );
  const rows: BenchRow[] = [];
  for (const [label, entry] of [
    ['Worker, device side of @ksmkit/core', DEVICE_SIDE],
    ['all of @ksmkit/core', `export * from '@ksmkit/core';`],
  ] as const) {
    const ours = await bundleForWorker(entry, import.meta.dirname);
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
