// Bundles Worker sources the way wrangler would (esbuild, ESM, browser conditions, minified) for size benchmarks.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/**
 * The official SDK's browser ES build: the file a Worker bundler picks for it.
 *
 * @example
 * readFileSync(officialEsBuildPath()).length // ≈ 118 KB
 */
export function officialEsBuildPath(): string {
  return join(dirname(require.resolve('@keeper-security/secrets-manager-core')), 'index.es.js');
}

/**
 * Bundles `contents` (TS or JS, imports resolved from this package) for a Worker and returns the bytes;
 * the official SDK's imports resolve to its ES build.
 *
 * @example
 * const bytes = await bundleForWorker(`export * from '@ksmkit/core';`);
 */
export async function bundleForWorker(contents: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    alias: { '@keeper-security/secrets-manager-core': officialEsBuildPath() },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.contents ?? new Uint8Array();
}

/**
 * Kilobytes with one decimal.
 *
 * @example
 * kb(new Uint8Array(2048)) // 2
 */
export function kb(bytes: Uint8Array): number {
  return Math.round((bytes.length / 1024) * 10) / 10;
}
