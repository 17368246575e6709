// One streaming masking session: scans chunks with the automaton, merges overlapping matches into masked regions,
// and emits everything except a tail that may still be the start of a match.
import type { Automaton } from './automaton.js';
import { type ScanState, scan } from './scan.js';
import type { RedactStream } from './types.js';

/** What a session needs from its redactor: the automaton, the mask, and where to count a masked match. */
export interface SessionContext {
  readonly automaton: Automaton;
  readonly mask: string;
  readonly count: (label: number) => void;
}

/** Code units a masked region may grow to while held back; longer ones are emitted (masked) in parts. */
const MAX_REGION = 1 << 16;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * Starts a session. Matches are kept as [start, end) ranges in `held` coordinates, ordered by end; none is
 * contained in a later one (a longer match that covers an earlier one replaces it, so the longest wins the count).
 * Overlapping matches merge into one masked region.
 *
 * @example
 * const s = createSession({ automaton, mask: '****', count: () => {} });
 * s.write('pw=hun') + s.write('ter2') + s.flush(); // 'pw=****'
 */
export function createSession({ automaton, mask, count }: SessionContext): RedactStream {
  let held = '';
  const at: ScanState = { state: 0, gramKey: 0 };
  let lastEnd = -1;
  let starts: number[] = [];
  let ends: number[] = [];
  let labels: number[] = [];
  let decoder: TextDecoder | undefined;

  function record(end: number, length: number, label: number): void {
    // A restart may meet a match again; a match ending no later than the last one is contained in what was kept.
    if (end <= lastEnd) return;
    lastEnd = end;
    // After a forced emission (see MAX_REGION) a match may begin in text already shown masked: keep its rest.
    const start = Math.max(0, end - length);
    while (starts.length > 0 && starts[starts.length - 1]! >= start) {
      starts.pop();
      ends.pop();
      labels.pop();
    }
    starts.push(start);
    ends.push(end);
    labels.push(label);
  }

  /** Emits head+body up to the hold-back boundary, masking finished regions; keeps the rest as the new head. */
  function emit(body: string, final: boolean): string {
    const h = held.length;
    const n = h + body.length;
    const slice = (from: number, to: number): string =>
      from >= h
        ? body.slice(from - h, to - h)
        : to <= h
          ? held.slice(from, to)
          : held.slice(from) + body.slice(0, to - h);
    let boundary = final ? n : Math.max(0, n - automaton.depth[at.state]!);
    // A region (overlapping matches) that reaches past the boundary is held back whole.
    let regionStart = -1;
    let regionEnd = -1;
    for (let m = 0; m < starts.length; m++) {
      if (starts[m]! < regionEnd) regionEnd = Math.max(regionEnd, ends[m]!);
      else {
        if (regionEnd > boundary) break;
        regionStart = starts[m]!;
        regionEnd = ends[m]!;
      }
    }
    if (regionEnd > boundary) {
      // A region that keeps growing (a secret repeated back to back) is emitted masked once it is too long to hold.
      boundary = regionEnd - regionStart > MAX_REGION ? regionEnd : Math.min(boundary, regionStart);
    }
    if (!final && boundary > 0 && isHighSurrogate(slice(boundary - 1, boundary).charCodeAt(0))) {
      const masked = starts.length > 0 && ends.some((end, m) => starts[m]! < boundary && end >= boundary);
      if (!masked) boundary--;
    }
    let out = '';
    let cursor = 0;
    let m = 0;
    while (m < starts.length && ends[m]! <= boundary) {
      const start = starts[m]!;
      let end = ends[m]!;
      count(labels[m]!);
      for (m++; m < starts.length && starts[m]! < end; m++) {
        end = Math.max(end, ends[m]!);
        count(labels[m]!);
      }
      out += slice(cursor, start) + mask;
      cursor = end;
    }
    out += slice(cursor, boundary);
    starts = starts.slice(m).map((start) => start - boundary);
    ends = ends.slice(m).map((end) => end - boundary);
    labels = labels.slice(m);
    held = slice(boundary, n);
    lastEnd -= boundary;
    if (final) {
      at.state = 0;
      at.gramKey = 0;
    }
    return out;
  }

  return {
    write(chunk) {
      let text: string;
      if (typeof chunk === 'string') text = decoder === undefined ? chunk : decoder.decode() + chunk;
      else {
        decoder ??= new TextDecoder('utf-8');
        text = decoder.decode(chunk, { stream: true });
      }
      if (text === '') return '';
      scan(automaton, held, text, at, record);
      return emit(text, false);
    },
    flush() {
      const rest = decoder === undefined ? '' : decoder.decode();
      if (rest !== '') scan(automaton, held, rest, at, record);
      return emit(rest, true);
    },
  };
}
