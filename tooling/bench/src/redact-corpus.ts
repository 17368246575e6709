// Deterministic inputs for the masker benchmark: build-log-like text and secrets of the kinds CI pipelines hold.

/** A small deterministic PRNG (mulberry32), so every run masks the same text. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const PUNCT = '!@#$%^&*-_=+.,:;?~';

function pick<T>(rand: () => number, items: readonly T[] | string): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function text(rand: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += pick(rand, alphabet);
  return out;
}

/**
 * `count` distinct secrets: passwords with punctuation, GitHub-style tokens, AWS-style key ids, base64 keys and
 * (1 in 50) a multi-line PEM block.
 *
 * @example
 * const secrets = makeSecrets(100, 1);
 */
export function makeSecrets(count: number, seed: number): string[] {
  const rand = random(seed);
  const secrets = new Set<string>();
  while (secrets.size < count) {
    const kind = secrets.size % 50 === 49 ? 4 : Math.floor(rand() * 4);
    if (kind === 0) secrets.add(text(rand, ALNUM + PUNCT, 12 + Math.floor(rand() * 20)));
    else if (kind === 1) secrets.add(`ghp_${text(rand, ALNUM, 36)}`);
    else if (kind === 2) secrets.add(`AKIA${text(rand, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`);
    else if (kind === 3) secrets.add(text(rand, B64, 40));
    else {
      const body = Array.from({ length: 6 }, () => text(rand, B64, 64)).join('\n');
      secrets.add(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`);
    }
  }
  return [...secrets];
}

const PACKAGES = ['react', 'lodash', 'typescript', 'vite', 'esbuild', 'hono', 'zod', '@types/node', 'rollup'];
const WORDS = ['Compiling', 'Linking', 'Resolving', 'Downloading', 'Testing', 'Bundling', 'Checking', 'Caching'];

/** One build-log line: timestamps, paths, URLs, stack frames, hashes (hex and base64 integrity strings). */
function logLine(rand: () => number, n: number): string {
  const time = `2026-12-04T20:${String(n % 60).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}.${n % 1000}Z`;
  const pkg = pick(rand, PACKAGES);
  const version = `${Math.floor(rand() * 20)}.${Math.floor(rand() * 30)}.${Math.floor(rand() * 10)}`;
  const path = `src/${pick(rand, ['core', 'cli', 'lib', 'utils'])}/${pick(rand, ['index', 'client', 'parse', 'run'])}.ts`;
  switch (Math.floor(rand() * 8)) {
    case 0:
      return `${time} [INFO] ${pick(rand, WORDS)} ${path} (${Math.floor(rand() * 400)} modules)`;
    case 1:
      return `npm http fetch GET 200 https://registry.npmjs.org/${pkg}/-/${pkg}-${version}.tgz ${Math.floor(rand() * 900)}ms`;
    case 2:
      return `    at ${pick(rand, ['Object.run', 'async main', 'Module._compile', 'processTicks'])} (/home/runner/work/app/${path}:${Math.floor(rand() * 300)}:${Math.floor(rand() * 80)})`;
    case 3:
      return `  integrity sha512-${text(rand, B64, 86)}==`;
    case 4:
      return `#${n} [builder 3/9] RUN pnpm install --frozen-lockfile  # ${text(rand, '0123456789abcdef', 12)}`;
    case 5:
      return `${time} [WARN] ${pkg}@${version}: deprecated, use ${pick(rand, PACKAGES)} instead`;
    case 6:
      return `+ git fetch --depth=1 origin ${text(rand, '0123456789abcdef', 40)}`;
    default:
      return `${time} ✓ ${path} (${Math.floor(rand() * 50)} tests) ${Math.floor(rand() * 3000)}ms`;
  }
}

/**
 * About `megabytes` MB of log text; every ~2,000 lines one secret appears (literal, or base64 / URL-encoded).
 *
 * @example
 * const log = makeLog(100, makeSecrets(1000, 1));
 */
export function makeLog(megabytes: number, secrets: readonly string[]): string {
  const rand = random(megabytes * 7919 + secrets.length);
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < megabytes * 1_000_000; n++) {
    let line = logLine(rand, n);
    if (n % 2000 === 1999) {
      const secret = pick(rand, secrets);
      const form = n % 3;
      line +=
        form === 0 ? ` token=${secret}` : form === 1 ? ` auth=${btoa(secret)}` : ` url=${encodeURIComponent(secret)}`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}
