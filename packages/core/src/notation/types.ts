// Keeper Notation syntax tree: which record, which selector, and the optional parameter and two indexes.

/** The six selector words of Keeper Notation (matched case-insensitively, stored lower-case). */
export type NotationSelector = 'type' | 'title' | 'notes' | 'field' | 'custom_field' | 'file';

/**
 * A Keeper Notation reference as plain data: `keeper://<record>/<selector>[/<parameter>[index1][index2]]`.
 * All texts are unescaped. `index1`/`index2` are the texts between the brackets: `''` stands for `[]`,
 * `undefined` for an absent section.
 */
export interface Notation {
  /** Record UID or exact record title (may be empty). */
  readonly record: string;
  readonly selector: NotationSelector;
  /** Field type or label (`field`, `custom_field`) or file name / file UID (`file`). */
  readonly parameter?: string;
  /** First index: digits or `''` (`[]` = all values); any text only in legacy ASTs that also have `index2`. */
  readonly index1?: string;
  /** Second index: a property name of an object value, or `''` (`[]` = the whole value). */
  readonly index2?: string;
}

/** Where a section sits in the parsed text: `[start, end)` offsets, brackets and escapes included. */
export interface NotationSpan {
  readonly start: number;
  readonly end: number;
}

/** Offsets of each section in the notation text (the decoded text when the input was base64url). */
export interface NotationPositions {
  readonly record: NotationSpan;
  readonly selector: NotationSpan;
  readonly parameter?: NotationSpan;
  readonly index1?: NotationSpan;
  readonly index2?: NotationSpan;
}

/** What `parseNotation` returns: the notation plus where each section was found. */
export interface ParsedNotation extends Notation {
  readonly positions: NotationPositions;
  /** True when the input had no `/` and was base64url-decoded first (positions refer to the decoded text). */
  readonly decoded: boolean;
}
