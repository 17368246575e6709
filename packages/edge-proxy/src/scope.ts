// Scopes as notation patterns: an exact selector (`keeper://UID/field/password`), a record wildcard
// (`keeper://UID/*`) or a folder wildcard (`keeper://FOLDER_UID/*`, every record shared through that folder).
import type { Notation } from '@ksmkit/core';
import { parseNotation } from '@ksmkit/core';

/** One parsed scope. `parameter` undefined means every parameter of `selector`. */
export type ScopeRule =
  | { readonly target: string; readonly all: true }
  | { readonly target: string; readonly all: false; readonly selector: string; readonly parameter: string | undefined };

/** Where a record lives, for folder scopes. */
export interface RecordPlace {
  readonly recordUid: string;
  readonly folderUid: string | null;
  readonly innerFolderUid: string | null;
}

/**
 * Parses scope strings; malformed ones are dropped (a token cannot grant what it cannot state).
 *
 * @example
 * parseScopes(['keeper://UID/*', 'keeper://UID2/field/password']);
 */
export function parseScopes(scopes: readonly string[]): ScopeRule[] {
  const rules: ScopeRule[] = [];
  for (const scope of scopes) {
    const wildcard = /^keeper:\/\/([^/]+)\/\*$/i.exec(scope);
    if (wildcard?.[1] !== undefined) {
      rules.push({ target: wildcard[1], all: true });
      continue;
    }
    try {
      const n = parseNotation(scope);
      rules.push({ target: n.record, all: false, selector: n.selector, parameter: n.parameter });
    } catch {
      // An unparsable scope grants nothing.
    }
  }
  return rules;
}

function targets(rule: ScopeRule, uid: string, place: RecordPlace | undefined): boolean {
  if (rule.target === uid) return true;
  return place !== undefined && (rule.target === place.folderUid || rule.target === place.innerFolderUid);
}

/**
 * True when a rule allows `notation` on its record (`place` adds folder scopes once the record is known).
 *
 * @example
 * allowsNotation(rules, parseNotation('keeper://UID/field/password'));
 */
export function allowsNotation(rules: readonly ScopeRule[], notation: Notation, place?: RecordPlace): boolean {
  return rules.some((rule) => {
    if (!targets(rule, notation.record, place)) return false;
    if (rule.all) return true;
    if (rule.selector !== notation.selector) return false;
    return rule.parameter === undefined || rule.parameter === notation.parameter;
  });
}

/**
 * True when some rule could allow something on record `uid` by its UID alone (no folder lookup needed).
 *
 * @example
 * if (!mayTouchRecord(rules, uid) && !hasFolderRules(rules)) throw denied;
 */
export function mayTouchRecord(rules: readonly ScopeRule[], uid: string, place?: RecordPlace): boolean {
  return rules.some((rule) => targets(rule, uid, place));
}

/**
 * True when a rule grants `selector`/`parameter` of the record at `place` (used to filter whole records).
 *
 * @example
 * allowsPart(rules, place, 'field', 'password');
 */
export function allowsPart(rules: readonly ScopeRule[], place: RecordPlace, selector: string, parameter?: string) {
  return allowsNotation(rules, { record: place.recordUid, selector, parameter } as Notation, place);
}
