// The shared tsdown base config: every package builds ESM with sourcemaps, checks its package.json with publint.

/** Defaults every package shares; a package passes only what differs (entries, platform, dts for binaries). */
const BASE = {
  format: 'esm',
  platform: 'node',
  dts: true,
  publint: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
};

/**
 * The base config with `overrides` on top.
 *
 * @example
 * export default defineConfig(packageConfig({ entry: ['src/index.ts'] }));
 */
export function packageConfig(overrides) {
  return { ...BASE, ...overrides };
}
