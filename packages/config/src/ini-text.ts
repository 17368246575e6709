// INI text as Python's configparser (which Keeper's KSM CLI uses) reads and writes it: sections, `key = value`, bare keys.
import { ConfigError } from './errors.js';

/** One section: option names (lower-cased, as configparser stores them) to values; `null` is a bare key. */
export type IniSection = Map<string, string | null>;

/** A parsed INI file: `[DEFAULT]` values apart, other sections in file order (names are case-sensitive). */
export interface IniDocument {
  /** Values of the `[DEFAULT]` section; configparser applies them to every section that lacks the key. */
  readonly defaults: IniSection;
  /** Every other section by name, in file order. */
  readonly sections: Map<string, IniSection>;
}

const DEFAULT_SECTION = 'DEFAULT';

function syntax(line: number, reason: string, message: string): ConfigError {
  // Never quote the line: INI values are keys and tokens.
  return new ConfigError('ERR_INI_SYNTAX', `Invalid INI file at line ${line}: ${message}`, { line, reason });
}

/**
 * Creates an empty INI document.
 *
 * @example
 * const doc = createIniDocument();
 * doc.sections.set('_default', new Map([['hostname', 'keepersecurity.com']]));
 */
export function createIniDocument(): IniDocument {
  return { defaults: new Map(), sections: new Map() };
}

interface OpenValue {
  readonly section: IniSection;
  readonly key: string;
  readonly indent: number;
  lines: string[];
  blanks: number;
}

function closeValue(open: OpenValue | undefined): void {
  if (open === undefined || open.section.get(open.key) === null) return;
  open.section.set(open.key, open.lines.join('\n'));
}

/**
 * Parses INI text with configparser's default rules: `[section]` headers, `key = value` or `key: value`, bare keys
 * (no value), full-line `#`/`;` comments, indented continuation lines, keys lower-cased. Duplicate sections or
 * keys and keys outside a section throw `ERR_INI_SYNTAX` with the line number (the line itself is never quoted).
 *
 * @example
 * const doc = parseIni('[_config]\nactive_profile = _default\n');
 * doc.sections.get('_config')?.get('active_profile'); // '_default'
 */
export function parseIni(text: string): IniDocument {
  const doc = createIniDocument();
  let section: IniSection | undefined;
  let open: OpenValue | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] as string;
    const lineNo = index + 1;
    const stripped = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (stripped === '') {
      if (open !== undefined) open.blanks++;
      continue;
    }
    if (stripped.startsWith('#') || stripped.startsWith(';')) continue;
    if (open !== undefined && indent > open.indent) {
      if (open.section.get(open.key) === null)
        throw syntax(lineNo, 'continuation', 'continuation of a key without value');
      for (; open.blanks > 0; open.blanks--) open.lines.push('');
      open.lines.push(stripped);
      continue;
    }
    closeValue(open);
    open = undefined;
    const header = /^\[(.+)\]$/.exec(stripped);
    if (header !== null) {
      const name = header[1] as string;
      if (name === DEFAULT_SECTION) section = doc.defaults;
      else if (doc.sections.has(name)) throw syntax(lineNo, 'duplicate-section', 'section appears twice');
      else {
        section = new Map();
        doc.sections.set(name, section);
      }
      continue;
    }
    if (section === undefined) throw syntax(lineNo, 'no-section', 'key before the first [section] header');
    const match = /^([^=:]*?)\s*([=:])\s*(.*)$/.exec(stripped);
    const key = (match === null ? stripped : (match[1] as string)).trim().toLowerCase();
    if (key === '') throw syntax(lineNo, 'empty-key', 'a key is empty');
    if (section.has(key)) throw syntax(lineNo, 'duplicate-key', 'a key appears twice in one section');
    if (match === null) {
      section.set(key, null);
      open = { section, key, indent, lines: [], blanks: 0 };
    } else {
      section.set(key, '');
      open = { section, key, indent, lines: [match[3] as string], blanks: 0 };
    }
  }
  closeValue(open);
  return doc;
}

function writeSection(name: string, section: IniSection): string {
  let out = `[${name}]\n`;
  for (const [key, value] of section) {
    out += value === null ? `${key}\n` : `${key} = ${value.replace(/\r\n|\r|\n/g, '\n\t')}\n`;
  }
  return `${out}\n`;
}

/**
 * Serialises a document exactly as configparser's `write` does: `[DEFAULT]` first when it has values, then each
 * section, `key = value` lines (continuation lines tab-indented), bare keys for `null`, a blank line after each
 * section.
 *
 * @example
 * serializeIni(parseIni('[a]\nx=1')); // '[a]\nx = 1\n\n'
 */
export function serializeIni(doc: IniDocument): string {
  let out = doc.defaults.size > 0 ? writeSection(DEFAULT_SECTION, doc.defaults) : '';
  for (const [name, section] of doc.sections) out += writeSection(name, section);
  return out;
}

/**
 * The value of `key` in `section`, falling back to `[DEFAULT]` like configparser; `null` for a bare key.
 *
 * @example
 * iniValue(doc, '_config', 'active_profile'); // '_default'
 */
export function iniValue(doc: IniDocument, section: string, key: string): string | null | undefined {
  const values = doc.sections.get(section);
  const name = key.toLowerCase();
  if (values?.has(name)) return values.get(name);
  return doc.defaults.get(name);
}
