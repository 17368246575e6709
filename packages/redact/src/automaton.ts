// Aho–Corasick over UTF-16 code units: a trie in breadth-first order, failure links, and full transition rows for
// the shallow states (where scanning text spends nearly all its time), so most characters cost one table lookup.

/** A compiled multi-pattern automaton. State 0 is the root; states are numbered breadth-first. */
export interface Automaton {
  /** Code unit → character class (0: in no pattern). */
  readonly classOf: Uint16Array;
  /** Number of classes, including class 0. */
  readonly classes: number;
  /** States below this have a full row in `rows`. */
  readonly dense: number;
  /** `rows[s * classes + c]`: the next state from dense state s on class c. */
  readonly rows: Int32Array;
  /** Children of state s are states firstChild[s] … firstChild[s] + childCount[s] - 1. */
  readonly firstChild: Int32Array;
  readonly childCount: Int32Array;
  /** The class of the edge into each state. */
  readonly edgeClass: Uint16Array;
  readonly fail: Int32Array;
  /** Length of the path to each state: how much text a scan must hold back while in it. */
  readonly depth: Int32Array;
  /** Length of the longest pattern ending at each state (0: none), and the label of that pattern. */
  readonly outLength: Int32Array;
  readonly outLabel: Int32Array;
}

/** One pattern to find and the label reported with its matches. */
export interface Pattern {
  readonly text: string;
  readonly label: number;
}

/** Entries of `rows` allowed (4 bytes each): full rows for as many shallow states as fit. */
const DENSE_BUDGET = 1 << 21;

/**
 * Moves from state `s` on class `c` (c ≠ 0), following failure links until a dense state answers.
 *
 * @example
 * state = classOf[code] === 0 ? 0 : next(automaton, state, classOf[code]);
 */
export function next(a: Automaton, s: number, c: number): number {
  let state = s;
  for (;;) {
    if (state < a.dense) return a.rows[state * a.classes + c]!;
    const first = a.firstChild[state]!;
    const end = first + a.childCount[state]!;
    for (let k = first; k < end; k++) if (a.edgeClass[k] === c) return k;
    state = a.fail[state]!;
  }
}

/** Builds the trie with sibling lists (insertion ids), returning it and the class map. */
function buildTrie(patterns: readonly Pattern[]) {
  const classOf = new Uint16Array(65536);
  let classes = 1;
  let total = 1;
  for (const { text } of patterns) {
    total += text.length;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (classOf[code] === 0) classOf[code] = classes++;
    }
  }
  const first = new Int32Array(total).fill(-1);
  const sibling = new Int32Array(total).fill(-1);
  const edge = new Uint16Array(total);
  const label = new Int32Array(total).fill(-1);
  let count = 1;
  for (const pattern of patterns) {
    let node = 0;
    for (let i = 0; i < pattern.text.length; i++) {
      const c = classOf[pattern.text.charCodeAt(i)]!;
      let child = first[node]!;
      while (child !== -1 && edge[child] !== c) child = sibling[child]!;
      if (child === -1) {
        child = count++;
        edge[child] = c;
        sibling[child] = first[node]!;
        first[node] = child;
      }
      node = child;
    }
    if (label[node] === -1) label[node] = pattern.label;
  }
  return { classOf, classes, count, first, sibling, edge, label };
}

/**
 * Compiles patterns (non-empty) into an automaton whose matches report the longest pattern ending at each position.
 *
 * @example
 * const a = buildAutomaton([{ text: 'hunter2', label: 0 }]);
 */
export function buildAutomaton(patterns: readonly Pattern[]): Automaton {
  const trie = buildTrie(patterns);
  const { classOf, classes, count } = trie;
  // Breadth-first renumbering: a state's id is its place in the queue, so its children get consecutive ids.
  const order = new Int32Array(count);
  const firstChild = new Int32Array(count);
  const childCount = new Int32Array(count);
  const edgeClass = new Uint16Array(count);
  const depth = new Int32Array(count);
  let tail = 1;
  for (let s = 0; s < tail; s++) {
    firstChild[s] = tail;
    for (let child = trie.first[order[s]!]!; child !== -1; child = trie.sibling[child]!) {
      order[tail] = child;
      edgeClass[tail] = trie.edge[child]!;
      depth[tail] = depth[s]! + 1;
      tail++;
    }
    childCount[s] = tail - firstChild[s]!;
  }
  const dense = Math.max(1, Math.min(count, Math.floor(DENSE_BUDGET / classes)));
  const a: Automaton = {
    classOf,
    classes,
    dense,
    rows: new Int32Array(dense * classes),
    firstChild,
    childCount,
    edgeClass,
    fail: new Int32Array(count),
    depth,
    outLength: new Int32Array(count),
    outLabel: new Int32Array(count).fill(-1),
  };
  const { rows, fail, outLength, outLabel } = a;
  for (let s = 0; s < count; s++) {
    const first = firstChild[s]!;
    const end = first + childCount[s]!;
    if (s < dense) {
      const row = s * classes;
      if (s !== 0) rows.copyWithin(row, fail[s]! * classes, fail[s]! * classes + classes);
      for (let k = first; k < end; k++) rows[row + edgeClass[k]!] = k;
    }
    for (let k = first; k < end; k++) {
      const f = s === 0 ? 0 : next(a, fail[s]!, edgeClass[k]!);
      fail[k] = f;
      const own = trie.label[order[k]!]!;
      if (own !== -1) {
        outLength[k] = depth[k]!;
        outLabel[k] = own;
      } else {
        outLength[k] = outLength[f]!;
        outLabel[k] = outLabel[f]!;
      }
    }
  }
  return a;
}
