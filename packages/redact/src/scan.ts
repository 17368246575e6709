// The scanning kernel: a q-gram prefilter skips text where no pattern can start; the automaton runs only near hits.
import { type Automaton, next, rollGram } from './automaton.js';

/** Where a scan stopped: the automaton state (its depth is the exact hold-back) and the rolling q-gram key. */
export interface ScanState {
  state: number;
  gramKey: number;
}

/** Receives the longest match ending at each position, as [end - length, end) in head+body coordinates. */
export type MatchSink = (end: number, length: number, label: number) => void;

/**
 * Scans `body`, which follows `head` (held-back text the state already covers). Two modes: *skip* only rolls a
 * q-gram over the body and tests the prefilter (no pattern can start where the q-gram misses); on a hit the
 * automaton restarts at that q-gram's first character and runs until it is past the hit and shallower than q, then
 * skipping resumes. Every pattern is at least q long, so nothing is missed; the two strings are never
 * concatenated (scanning a concatenation is much slower in V8).
 *
 * @example
 * scan(automaton, held, chunk, position, (end, length, label) => matches.push({ end, length, label }));
 */
export function scan(a: Automaton, head: string, body: string, at: ScanState, sink: MatchSink): void {
  const { classOf, dense, rows, classes, outLength, outLabel, depth, gram, gramShift, gramBits } = a;
  const h = head.length;
  const n = h + body.length;
  let s = at.state;
  let g = at.gramKey;
  let i = h;
  let acUntil = -1;
  let automaton = true;
  while (i < n) {
    if (automaton) {
      for (; i < n; i++) {
        const code = i < h ? head.charCodeAt(i) : body.charCodeAt(i - h);
        g = rollGram(g, code, gramShift);
        const c = classOf[code]!;
        if (c === 0) s = 0;
        else {
          s = s < dense ? rows[s * classes + c]! : next(a, s, c);
          const length = outLength[s]!;
          if (length !== 0) sink(i + 1, length, outLabel[s]!);
        }
        if (i >= acUntil && depth[s]! < gram) {
          automaton = false;
          i++;
          break;
        }
      }
    } else {
      let j = i - h;
      const m = body.length;
      for (; j < m; j++) {
        g = rollGram(g, body.charCodeAt(j), gramShift);
        if ((gramBits[g >>> 5]! & (1 << (g & 31))) !== 0) break;
      }
      i = j + h;
      if (j < m) {
        acUntil = i;
        i = Math.max(0, i - gram + 1);
        s = 0;
        automaton = true;
      }
    }
  }
  if (!automaton) {
    // The exact state for the tail (at most q-1 characters, so it holds no match) decides the hold-back.
    s = 0;
    for (let k = Math.max(0, n - gram + 1); k < n; k++) {
      const c = classOf[k < h ? head.charCodeAt(k) : body.charCodeAt(k - h)]!;
      s = c === 0 ? 0 : next(a, s, c);
    }
  }
  at.state = s;
  at.gramKey = g;
}
