// One streaming masking session: scans chunks with the automaton, merges overlapping matches into masked regions,
// and emits everything except a tail that may still be the start of a match.
import { type Automaton, next } from './automaton.js';
import type { RedactStream } from './types.js';

/** What a session needs from its redactor: the automaton, the mask, and where to count a masked match. */
export interface SessionContext {
  readonly automaton: Automaton;
  readonly mask: string;
  readonly count: (label: number) => void;
}

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
  const { classOf, dense, rows, classes, outLength, outLabel, depth } = automaton;
  let held = '';
  let state = 0;
  let starts: number[] = [];
  let ends: number[] = [];
  let labels: number[] = [];
  let decoder: TextDecoder | undefined;

  function record(end: number, length: number, label: number): void {
    const start = end - length;
    while (starts.length > 0 && starts[starts.length - 1]! >= start) {
      starts.pop();
      ends.pop();
      labels.pop();
    }
    starts.push(start);
    ends.push(end);
    labels.push(label);
  }

  function scan(text: string, from: number): void {
    let s = state;
    for (let i = from; i < text.length; i++) {
      const c = classOf[text.charCodeAt(i)]!;
      if (c === 0) {
        s = 0;
        continue;
      }
      s = s < dense ? rows[s * classes + c]! : next(automaton, s, c);
      const length = outLength[s]!;
      if (length !== 0) record(i + 1, length, outLabel[s]!);
    }
    state = s;
  }

  function emit(final: boolean): string {
    let boundary = final ? held.length : held.length - depth[state]!;
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
    if (regionEnd > boundary) boundary = Math.min(boundary, regionStart);
    if (!final && boundary > 0 && isHighSurrogate(held.charCodeAt(boundary - 1))) {
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
      out += held.slice(cursor, start) + mask;
      cursor = end;
    }
    out += held.slice(cursor, boundary);
    starts = starts.slice(m).map((start) => start - boundary);
    ends = ends.slice(m).map((end) => end - boundary);
    labels = labels.slice(m);
    held = held.slice(boundary);
    if (final) state = 0;
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
      const from = held.length;
      held += text;
      scan(held, from);
      return emit(false);
    },
    flush() {
      const rest = decoder === undefined ? '' : decoder.decode();
      if (rest !== '') {
        const from = held.length;
        held += rest;
        scan(held, from);
      }
      return emit(true);
    },
  };
}
