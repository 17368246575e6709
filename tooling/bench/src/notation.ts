// Keeper Notation benchmarks: evaluations and parses per second, ksmkit vs the official SDK, on the same data.

import type { KeeperSecrets } from '@keeper-security/secrets-manager-core';
import {
  getValue as officialGetValue,
  parseNotation as officialParseNotation,
} from '@keeper-security/secrets-manager-core';
import { evaluateNotation, getValue, parseNotation, type RecordView } from '@ksmkit/core';
import { type BenchRow, time } from './harness.js';

const RECORDS = 1_000;
const NOTATIONS = 100;
const UID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A deterministic 22-character record UID for index `i`. */
function uid(i: number): string {
  let out = '';
  let n = i * 7919 + 104_729;
  for (let k = 0; k < 22; k++) {
    out += UID_ALPHABET[(n + k * 31) % 64];
    n = Math.floor(n / 3) + k;
  }
  return out;
}

function makeRecords(): RecordView[] {
  return Array.from({ length: RECORDS }, (_, i) => ({
    recordUid: uid(i),
    data: {
      title: `Record ${i}`,
      type: 'login',
      fields: [
        { type: 'login', value: [`user${i}`] },
        { type: 'password', value: [`pw-${i}`] },
        { type: 'url', value: [`https://host${i}.example`, `https://alt${i}.example`] },
        { type: 'host', value: [{ hostName: `10.0.0.${i % 255}`, port: '22' }] },
      ],
      custom: [
        { type: 'text', label: 'Environment', value: [i % 2 === 0 ? 'prod' : 'dev'] },
        {
          type: 'phone',
          label: 'phone',
          value: [
            { number: `555-${i}`, ext: '1' },
            { number: `777-${i}`, type: 'Work' },
          ],
        },
        { type: 'name', label: 'owner', value: [{ first: 'Jenny', middle: 'X', last: `Smith${i}` }] },
      ],
      notes: `notes ${i}`,
    },
    files: [],
  }));
}

/** 100 notations spread over the record list; all valid in strict and legacy mode, all resolve. */
function makeNotations(records: readonly RecordView[]): string[] {
  const shapes = [
    (r: RecordView) => `keeper://${r.recordUid}/field/login`,
    (r: RecordView) => `${r.recordUid}/field/password`,
    (r: RecordView) => `keeper://${r.recordUid}/field/url[1]`,
    (r: RecordView) => `keeper://${r.recordUid}/field/host[0][hostName]`,
    (r: RecordView) => `keeper://${r.recordUid}/custom_field/Environment`,
    (r: RecordView) => `keeper://${r.recordUid}/custom_field/phone[1][number]`,
    (r: RecordView) => `keeper://${r.recordUid}/custom_field/owner[0][last]`,
    (r: RecordView) => `keeper://${r.data.title}/field/login`,
    (r: RecordView) => `keeper://${r.recordUid}/type`,
    (r: RecordView) => `keeper://${r.recordUid}/notes`,
  ];
  return Array.from({ length: NOTATIONS }, (_, i) => {
    const record = records[(i * 97) % records.length] as RecordView;
    return (shapes[i % shapes.length] as (r: RecordView) => string)(record);
  });
}

function perSecond(operations: number, medianMs: number): number {
  return Math.round((operations * 1_000) / medianMs);
}

/**
 * Notation evaluations per second over 1,000 already-fetched records (100 notations), and parses per second.
 *
 * @example
 * printTable('Keeper Notation', await run());
 */
export async function run(): Promise<BenchRow[]> {
  const records = makeRecords();
  const notations = makeNotations(records);
  const secrets: KeeperSecrets = {
    appData: { title: 'bench', type: 'app' },
    records: records.map((r) => ({ recordUid: r.recordUid, revision: 1, data: r.data, files: [] })),
  };
  for (const n of notations) {
    if (JSON.stringify(getValue(records, n)) !== JSON.stringify(officialGetValue(secrets, n))) {
      throw new Error(`bench: ksmkit and the official SDK disagree on ${n}`);
    }
  }
  /** Runs `task` on every notation; the sink keeps results observable so nothing is optimised away. */
  let sink = 0;
  const each = (task: (notation: string) => unknown) => () => {
    for (const notation of notations) sink += task(notation) === undefined ? 0 : 1;
  };
  const evaluateOurs = await time(each((n) => evaluateNotation(records, n)));
  const legacyOurs = await time(each((n) => getValue(records, n)));
  const legacyOfficial = await time(each((n) => officialGetValue(secrets, n)));
  const parseOurs = await time(each((n) => parseNotation(n)));
  const parseOfficial = await time(each((n) => officialParseNotation(n)));
  if (sink === 0) throw new Error('bench: no notation produced a result');
  return [
    {
      benchmark: 'legacy getValue, 1,000 records',
      unit: 'evals/s',
      ours: perSecond(NOTATIONS, legacyOurs.median),
      official: perSecond(NOTATIONS, legacyOfficial.median),
      better: 'higher',
    },
    {
      benchmark: 'evaluateNotation, 1,000 records',
      unit: 'evals/s',
      ours: perSecond(NOTATIONS, evaluateOurs.median),
      official: perSecond(NOTATIONS, legacyOfficial.median),
      better: 'higher',
      note: 'official: getValue (its getNotationResults needs a server)',
    },
    {
      benchmark: 'parseNotation',
      unit: 'parses/s',
      ours: perSecond(NOTATIONS, parseOurs.median),
      official: perSecond(NOTATIONS, parseOfficial.median),
      better: 'higher',
    },
  ];
}
