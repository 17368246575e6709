// Test-only fast-check generators for notation texts and record sets (used by the differential interop tests).
import fc from 'fast-check';
import { base64UrlEncode } from '../encoding/base64.js';
import { utf8Encode } from '../encoding/bytes.js';
import type { KeeperField, RecordFileView, RecordView } from '../record/types.js';

/** A file with its decrypted content, so a fake server and our source can both serve it. */
export interface CorpusFile extends RecordFileView {
  readonly content: Uint8Array<ArrayBuffer>;
}

/** A record of a generated record set. */
export type CorpusRecord = RecordView<CorpusFile>;

const UIDS = ['k9qMpcO0aszz9w3li5XbaQ', 'AAAAAAAAAAAAAAAAAAAAAA', 'Zm9vYmFyYmF6cXV4MTIzNA', 'abc-_DEF0123456789ghij'];
const FILE_UIDS = ['HKGdx7dSrtuTfA67wiEZkw', 'BBBBBBBBBBBBBBBBBBBBBB', 'file_UID_0123456789abc'];
const uid = fc.oneof(fc.constantFrom(...UIDS), fc.stringMatching(/^[A-EG-Za-z0-9_-][A-Za-z0-9_-]{21}$/));
const special = ['', 'a/b', 'x[y]', 'back\\slash', 'end\\', ' spaced ', '[]', 'keeper://x', 'é😀'];
const text = (pool: readonly string[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, fc.string({ maxLength: 6 }));

/** Names that resolve through the prototype chain; the official SDK's `in`/`[]` finds them, we do not (documented). */
export function isInheritedName(name: string): boolean {
  if (name === 'length' || /^[0-9]+$/.test(name)) return false;
  return [Object.prototype, String.prototype, Array.prototype, Number.prototype, Boolean.prototype].some(
    (p) => name in p,
  );
}

const PROPERTIES = [
  'number',
  'ext',
  'type',
  'region',
  'first',
  'middle',
  'last',
  'hostName',
  'port',
  '0',
  '1',
  'length',
  'nope',
];
const property = text(PROPERTIES).filter((p) => !isInheritedName(p));
const str = text(['', 'a', 'x/y', 'v[1]', 'back\\slash', '{"json":1}', 'two words']);
const phone = fc.record(
  { region: fc.constant('US'), number: str, ext: str, type: fc.constantFrom('Mobile', 'Home', 'Work') },
  { requiredKeys: [] },
);
const name = fc.record({ first: str, middle: str, last: str }, { requiredKeys: [] });
const host = fc.record({ hostName: str, port: str }, { requiredKeys: [] });
const mixed = fc.oneof(str, phone, fc.constant(null), fc.integer(), fc.boolean(), fc.array(str, { maxLength: 2 }));
const VALUES: Record<string, fc.Arbitrary<unknown>> = {
  phone,
  name,
  host,
  date: fc.integer({ min: 0, max: 2 ** 42 }),
  checkbox: fc.boolean(),
  mixed,
};
const FIELD_TYPES = [
  'login',
  'password',
  'url',
  'text',
  'fileRef',
  'phone',
  'name',
  'host',
  'date',
  'checkbox',
  'mixed',
];
const LABELS = ['phone', 'name', 'My Custom', 'login', 'dup', 'a[b]', 'x/y', 'back\\slash', ' spaced ', ''];

const field: fc.Arbitrary<KeeperField> = fc
  .constantFrom(...FIELD_TYPES)
  .chain((type) =>
    fc.record(
      { type: fc.constant(type), label: text(LABELS), value: fc.array(VALUES[type] ?? str, { maxLength: 4 }) },
      { requiredKeys: ['type', 'value'] },
    ),
  );

const file: fc.Arbitrary<CorpusFile> = fc
  .record({
    // Disjoint from record UIDs: the official SDK caches record and file keys in one map keyed by UID.
    fileUid: fc.oneof(fc.constantFrom(...FILE_UIDS), fc.stringMatching(/^F[A-Za-z0-9_-]{21}$/)),
    metadata: fc.record(
      {
        name: text(['qr.png', 'dup.txt', 'a[1].txt', 'x/y.bin', 'QR Code']),
        title: text(['QR Code', 'qr.png', 'dup.txt']),
        size: fc.nat(99),
      },
      { requiredKeys: ['name'] },
    ),
  })
  .map((f) => ({ ...f, content: utf8Encode(`content of ${f.fileUid}`) }));

const record: fc.Arbitrary<CorpusRecord> = fc.record({
  recordUid: uid,
  data: fc.record(
    {
      title: fc.oneof(
        fc.constantFrom('My Record 1', 'dup', ...UIDS, ...special),
        fc.string({ minLength: 1, maxLength: 8 }),
      ),
      type: fc.constantFrom('login', 'contact', 'serverCredentials'),
      fields: fc.array(field, { maxLength: 5 }),
      custom: fc.array(field, { maxLength: 5 }),
      notes: str,
    },
    { requiredKeys: ['title', 'type', 'fields'] },
  ),
  files: fc.uniqueArray(file, { maxLength: 3, selector: (f) => f.fileUid }),
});

/** 1–5 records, sometimes with a record listed twice (direct share + shortcut); file UIDs unique per set. */
export const recordSet: fc.Arbitrary<CorpusRecord[]> = fc
  .tuple(
    fc.array(record, { minLength: 1, maxLength: 5 }),
    fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, fc.nat(4)),
  )
  .map(([records, dup]) => {
    const seen = new Set<string>();
    const unique = records.map((r) => ({
      ...r,
      files: r.files.filter((f) => !seen.has(f.fileUid) && seen.add(f.fileUid)),
    }));
    const copy = dup === undefined ? undefined : unique[dup % unique.length];
    return copy ? [...unique, copy] : unique;
  });

const PREFIXES = ['', 'keeper://', 'KEEPER://', 'Keeper://'];
const SELECTORS = ['type', 'title', 'notes', 'field', 'custom_field', 'file', 'Field', 'CUSTOM_FIELD', 'FILE', 'TITLE'];
const INDEX1 = ['', '0', '1', '2', '3', '007', '99999999999999999999', 'first', 'number', 'x', '1a', '-1', '-2', ' 1'];

function escapeChars(value: string, special: string): string {
  return [...value].map((c) => (special.includes(c) ? `\\${c}` : c)).join('');
}

/**
 * Notation texts aimed at `records`: their UIDs, titles, field types/labels, file names, in- and out-of-bounds
 * indexes; one in ten base64url-encoded.
 */
export function notationFor(records: readonly CorpusRecord[]): fc.Arbitrary<string> {
  const plain = plainNotationFor(records);
  return fc.oneof(
    { weight: 9, arbitrary: plain },
    plain.map((n) => base64UrlEncode(utf8Encode(n))),
  );
}

function plainNotationFor(records: readonly CorpusRecord[]): fc.Arbitrary<string> {
  const index = (pool: fc.Arbitrary<string>) =>
    fc.option(
      pool.map((i) => `[${escapeChars(i, '\\[]')}]`),
      { nil: '' },
    );
  const index1 = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('', '0', '0', '1', '2') }, text(INDEX1));
  return fc
    .record({
      target: fc.constantFrom(...records),
      prefix: fc.constantFrom(...PREFIXES),
      uidFirst: fc.boolean(),
      selector: fc.constantFrom(...SELECTORS),
      index1: index(index1),
      index2: fc.oneof({ weight: 2, arbitrary: fc.constant('') }, index(property)),
    })
    .chain(({ target, selector, ...rest }) => {
      const lower = selector.toLowerCase();
      const fields = lower === 'field' ? target.data.fields : (target.data.custom ?? []);
      const names =
        lower === 'file'
          ? target.files.flatMap((f) => [f.fileUid, f.metadata.name ?? 'x', f.metadata.title ?? 'x'])
          : fields.flatMap((f) => [f.type, f.label ?? f.type]);
      return fc.record({
        record: fc.oneof(
          { weight: 6, arbitrary: fc.constant(rest.uidFirst ? target.recordUid : target.data.title) },
          text(special),
        ),
        parameter: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names, 'login') }, text(LABELS)),
        rest: fc.constant({ ...rest, selector, lower }),
      });
    })
    .map(({ record, parameter, rest: n }) => {
      const head = `${n.prefix}${escapeChars(record, '\\/')}/${n.selector}`;
      if (['type', 'title', 'notes'].includes(n.lower)) return head;
      if (n.lower === 'file') return `${head}/${escapeChars(parameter, '\\[')}`;
      return `${head}/${escapeChars(parameter, '\\[')}${n.index1}${n.index1 ? n.index2 : ''}`;
    });
}

const CHUNKS = [
  'a',
  'Z',
  '0',
  '9',
  ' ',
  '/',
  '\\',
  '\\\\',
  '\\/',
  '\\[',
  '\\]',
  '[',
  ']',
  '[]',
  '[0]',
  '[1]',
  '[x]',
  'é',
  '😀',
];
const chunks = (max: number) => fc.array(fc.constantFrom(...CHUNKS), { maxLength: max }).map((c) => c.join(''));
const piece = fc.oneof(chunks(4), fc.string({ maxLength: 4 }));
const structured = fc
  .tuple(
    fc.constantFrom(...PREFIXES, 'keeper:/', '\u212Aeeper://'),
    piece,
    fc.constantFrom('/', '/', '/', ''),
    fc.constantFrom(...SELECTORS, 'fields', '', 'x', 'notes '),
    fc.constantFrom('', '/', '/', '/', '/'),
    piece,
    fc.array(
      fc.oneof(
        fc.constantFrom('[]', '[0]', '[12]', '[a]', '[1a]', '[\\]]', '[\\\\]', '[', ']'),
        piece.map((p) => `[${p}]`),
      ),
      {
        maxLength: 3,
      },
    ),
    fc.option(piece, { nil: '' }),
  )
  .map(
    ([prefix, rec, slash, sel, slash2, param, idx, tail]) =>
      `${prefix}${rec}${slash}${sel}${slash2}${param}${idx.join('')}${tail}`,
  );

/** Well-formed notations over arbitrary texts (escaped where the grammar needs it), some with a bad escape. */
const wellFormed = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    piece,
    fc.constantFrom(...SELECTORS),
    piece,
    fc.array(fc.oneof(fc.constantFrom('', '0', '12', '007', 'a', '1a'), piece), { maxLength: 2 }),
    fc.boolean(),
  )
  .map(([prefix, rec, sel, param, idx, trailingSlash]) => {
    const head = `${prefix}${escapeChars(rec, '\\/')}/${sel}`;
    const lower = sel.toLowerCase();
    if (['type', 'title', 'notes'].includes(lower)) return trailingSlash ? `${head}/` : head;
    const tail = lower === 'file' ? '' : idx.map((i) => `[${escapeChars(i, '\\[]')}]`).join('');
    return `${head}/${escapeChars(param || 'p', '\\[')}${tail}`;
  });

/** Notation-like texts for parser comparisons: well-formed, structured, random chunks, arbitrary strings, base64url. */
export const notationText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: wellFormed },
  { weight: 4, arbitrary: structured },
  { weight: 2, arbitrary: chunks(20) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.oneof(wellFormed, structured).map((s) => base64UrlEncode(utf8Encode(s))) },
);
