// Differential tests against the unmodified official JS SDK 17.5.0: parser, legacy getValue, getNotationResults.
import {
  type KeeperFile,
  type KeeperRecord,
  type KeeperSecrets,
  getNotationResults as officialGetNotationResults,
  getValue as officialGetValue,
  parseNotation as officialParseNotation,
} from '@keeper-security/secrets-manager-core';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { base64Decode } from '../encoding/base64.js';
import { utf8Decode } from '../encoding/bytes.js';
import type { KsmErrorCode } from '../errors.js';
import { createOfficialHarness } from '../test-support/official-sdk.js';
import { getNotationResults, type NotationRecordSource } from './get-notation-results.js';
import { getValue } from './legacy-get-value.js';
import {
  type CorpusRecord,
  isInheritedName,
  notationFor,
  notationText,
  recordSet,
} from './notation-corpus.test-support.js';
import { parseNotation } from './parse-notation.js';

const slow = { timeout: 120_000 };

/** Sections as both parsers report them; `null` when the parse failed. */
type Sections = readonly [string, string, string | null, string | null, string | null] | null;

function official(text: string, legacy: boolean): Sections {
  try {
    const [, record, selector] = officialParseNotation(text, legacy);
    if (!record?.text || !selector?.text) throw new Error('official parser returned no record or selector');
    const t = (s: readonly [string, string] | null) => s?.[0] ?? null;
    return [
      record.text[0],
      selector.text[0].toLowerCase(),
      t(selector.parameter),
      t(selector.index1),
      t(selector.index2),
    ];
  } catch {
    return null;
  }
}

function ours(text: string, legacy: boolean): Sections {
  try {
    const n = parseNotation(text, { legacy });
    return [n.record, n.selector, n.parameter ?? null, n.index1 ?? null, n.index2 ?? null];
  } catch (error) {
    expect(error).toMatchObject({ code: 'ERR_NOTATION_SYNTAX' });
    return null;
  }
}

/**
 * Where the official parser is plainly wrong (see parseNotation), the two differ: an escaped backslash right
 * before a bracket (`a\\[0]`, `[x\\]`) trips its raw-text checks, and its base64 decoder drops bad characters
 * that ours rejects. Check that every disagreement is one of those: with each escaped backslash rewritten as
 * an escaped `/` the official parser must agree with us (backslashes mapped to `/`); malformed base64 must
 * be rejected by us.
 */
function expectKnownDivergence(text: string, legacy: boolean, mine: Sections): void {
  if (!text.includes('/') && !strictBase64(text)) {
    expect(mine).toBeNull();
    return;
  }
  const decoded = text.includes('/') ? text : lenientDecode(text);
  expect(decoded, JSON.stringify(text)).toMatch(/\\\\/);
  const workaround = official(decoded.replace(/\\\\/g, '\\/'), legacy);
  const mapped = mine && (mine.map((s) => (s === null ? null : s.replace(/\\/g, '/'))) as unknown as Sections);
  expect(mapped, JSON.stringify(text)).toEqual(workaround);
}

/** True when the two parsers disagree on whether `text` parses (a parser difference, covered above). */
function parsersDisagree(text: string, legacy: boolean): boolean {
  return (ours(text, legacy) === null) !== (official(text, legacy) === null);
}

function strictBase64(text: string): boolean {
  try {
    base64Decode(text);
    return true;
  } catch {
    return false;
  }
}

function lenientDecode(text: string): string {
  return utf8Decode(Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

describe('parseNotation vs official parseNotation', () => {
  it.for([false, true])('accepts and rejects the same texts with the same sections (legacy %s)', slow, (legacy) => {
    let accepted = 0;
    let divergences = 0;
    fc.assert(
      fc.property(notationText, (text) => {
        const mine = ours(text, legacy);
        const theirs = official(text, legacy);
        if (mine !== null) accepted++;
        if ((mine === null) === (theirs === null)) {
          expect(mine, JSON.stringify(text)).toEqual(theirs);
        } else {
          divergences++;
          expectKnownDivergence(text, legacy, mine);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(accepted).toBeGreaterThan(3_000);
    expect(divergences).toBeLessThan(500);
  });
});

/** The records as the official SDK sees them, and a map from its file objects back to ours. */
function toOfficial(records: readonly CorpusRecord[]) {
  const files = new Map<KeeperFile, CorpusRecord['files'][number]>();
  const converted = new Map<CorpusRecord, KeeperRecord>();
  for (const r of records) {
    if (converted.has(r)) continue;
    const keeperFiles = r.files.map((f) => {
      const keeperFile: KeeperFile = {
        fileUid: f.fileUid,
        data: f.metadata,
        url: `https://files.invalid/${f.fileUid}`,
      };
      files.set(keeperFile, f);
      return keeperFile;
    });
    converted.set(r, { recordUid: r.recordUid, revision: 1, data: r.data, files: keeperFiles });
  }
  const secrets: KeeperSecrets = {
    appData: { title: 'app', type: 'app' },
    records: records.map((r) => converted.get(r)!),
  };
  return { secrets, files };
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

function attempt(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch {
    return { ok: false };
  }
}

describe('getValue vs official getValue (legacy)', () => {
  it('returns deep-equal values or fails on the same generated records and notations', slow, () => {
    let cases = 0;
    let values = 0;
    const batch = recordSet.chain((records) =>
      fc.tuple(fc.constant(records), fc.array(notationFor(records), { minLength: 10, maxLength: 30 })),
    );
    fc.assert(
      fc.property(batch, ([records, notations]) => {
        const { secrets, files } = toOfficial(records);
        for (const notation of notations) {
          cases++;
          const theirs = attempt(() => officialGetValue(secrets, notation));
          const mine = attempt(() => getValue(records, notation));
          const mapped =
            theirs.ok && files.has(theirs.value as KeeperFile) ? files.get(theirs.value as KeeperFile) : undefined;
          if (theirs.ok) values++;
          if (parsersDisagree(notation, true)) continue;
          expect(
            mine,
            JSON.stringify({ notation, records }, (k, v) => (k === 'content' ? undefined : v)),
          ).toEqual(mapped ? { ok: true, value: mapped } : theirs);
        }
      }),
      { numRuns: 400 },
    );
    expect(cases).toBeGreaterThan(6_000);
    expect(values).toBeGreaterThan(cases / 4);
  });

  it('differs only by design for inherited property names', () => {
    const records: CorpusRecord[] = [
      {
        recordUid: 'AAAAAAAAAAAAAAAAAAAAAA',
        data: { title: 't', type: 'login', fields: [{ type: 'name', value: [{ first: 'J' }] }] },
        files: [],
      },
    ];
    const { secrets } = toOfficial(records);
    expect(isInheritedName('toString')).toBe(true);
    expect(typeof officialGetValue(secrets, 't/field/name[toString]')).toBe('function');
    expect(getValue(records, 't/field/name[toString]')).toBeUndefined();
  });
});

/** Official error messages (17.5.0) mapped to our codes; anything else stays visible as "unmapped". */
const OFFICIAL_ERRORS: readonly (readonly [RegExp, KsmErrorCode])[] = [
  [/^(Keeper notation|Notation parser)/, 'ERR_NOTATION_SYNTAX'],
  [/^Notation error - multiple records match record '/s, 'ERR_NOTATION_MULTIPLE_RECORDS'],
  [/^Notation error - no records match record '/s, 'ERR_NOTATION_RECORD_NOT_FOUND'],
  [/^Notation error - Record .* has multiple fields matching the search criteria '/s, 'ERR_NOTATION_MULTIPLE_FIELDS'],
  [/^Notation error - Record .* has no fields matching the search criteria '/s, 'ERR_NOTATION_FIELD_NOT_FOUND'],
  [/^Notation error - Expected \/field or \/custom_field but found /, 'ERR_NOTATION_FIELD_NOT_FOUND'],
  [/^Notation error - Record .* has multiple files matching the search criteria '/s, 'ERR_NOTATION_MULTIPLE_FILES'],
  [/^Notation error - Record .* has no files matching the search criteria '/s, 'ERR_NOTATION_FILE_NOT_FOUND'],
  [/^Notation error - Record .* has no file attachments\.$/s, 'ERR_NOTATION_FILE_NOT_FOUND'],
  [/^Notation error - Field index out of bounds /, 'ERR_NOTATION_INDEX_OUT_OF_BOUNDS'],
  [/^Cannot use 'in' operator to search for /, 'ERR_NOTATION_PROPERTY_NOT_FOUND'],
];

type Result = { readonly values: readonly string[] } | { readonly error: string };

async function officialResult(run: () => Promise<string[]>): Promise<Result> {
  try {
    return { values: await run() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: OFFICIAL_ERRORS.find(([pattern]) => pattern.test(message))?.[1] ?? `unmapped: ${message}` };
  }
}

async function ourResult(run: () => Promise<string[]>): Promise<Result> {
  try {
    return { values: await run() };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? `not a KsmError: ${String(error)}` };
  }
}

/** Our source over the same records: honours the UID filter like get_secret and serves file contents. */
function memorySource(records: readonly CorpusRecord[]): NotationRecordSource<CorpusRecord['files'][number]> {
  return {
    getRecords: async (uids) => (uids ? records.filter((r) => uids.includes(r.recordUid)) : records),
    downloadFile: async (_record, file) => file.content,
  };
}

describe('getNotationResults vs official getNotationResults (in-process server)', () => {
  it('returns the same strings or fails with the same error class', slow, async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    let cases = 0;
    let values = 0;
    let harnesses = 0;
    const batch = recordSet.chain((records) =>
      fc.tuple(fc.constant(records), fc.array(notationFor(records), { minLength: 20, maxLength: 40 })),
    );
    await fc.assert(
      fc.asyncProperty(batch, async ([records, notations]) => {
        const harness = await createOfficialHarness({
          records,
          fileUrlBase: `https://files.ksmkit.test/${++harnesses}`,
        });
        const source = memorySource(records);
        for (const notation of notations) {
          cases++;
          const theirs = await officialResult(() => officialGetNotationResults(harness.options, notation));
          const mine = await ourResult(() => getNotationResults(source, notation));
          if ('values' in theirs) values++;
          if (parsersDisagree(notation, false)) continue;
          expect(
            mine,
            JSON.stringify({ notation, records }, (k, v) => (k === 'content' ? undefined : v)),
          ).toEqual(theirs);
        }
      }),
      { numRuns: 200, endOnFailure: true },
    );
    expect(cases).toBeGreaterThan(5_000);
    expect(values).toBeGreaterThan(cases / 4);
  });
});
