import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isConfigError } from './errors.js';
import { createIniDocument, iniValue, parseIni, serializeIni } from './ini-text.js';

function python(script: string, input: string): string {
  return execFileSync('python3', ['-c', script], { input, encoding: 'utf8' });
}

describe('parseIni', () => {
  it('reads sections, both delimiters, bare keys, comments and lower-cases keys', () => {
    const doc = parseIni('# c\n[_config]\nActive_Profile = prod\n; c\n[prod]\nclientId: abc\nappkey\n');
    expect(iniValue(doc, '_config', 'active_profile')).toBe('prod');
    expect(iniValue(doc, 'prod', 'clientid')).toBe('abc');
    expect(iniValue(doc, 'prod', 'appkey')).toBeNull();
    expect([...doc.sections.keys()]).toEqual(['_config', 'prod']);
  });

  it('joins indented continuation lines and keeps inner blank lines', () => {
    const doc = parseIni('[p]\ncert = line1\n\tline2\n\n  line3\n\nnext = 1\n');
    expect(iniValue(doc, 'p', 'cert')).toBe('line1\nline2\n\nline3');
    expect(iniValue(doc, 'p', 'next')).toBe('1');
  });

  it('applies [DEFAULT] values to every section', () => {
    const doc = parseIni('[DEFAULT]\nhostname = keepersecurity.eu\n[a]\n[b]\nhostname = x\n');
    expect(iniValue(doc, 'a', 'hostname')).toBe('keepersecurity.eu');
    expect(iniValue(doc, 'b', 'hostname')).toBe('x');
    expect([...doc.sections.keys()]).toEqual(['a', 'b']);
  });

  it.each([
    ['key=1\n', 'no-section'],
    ['[a]\n[a]\n', 'duplicate-section'],
    ['[a]\nx=1\nX=2\n', 'duplicate-key'],
  ])('rejects %j with ERR_INI_SYNTAX and a line number, never quoting the line', (text, reason) => {
    try {
      parseIni(text.replace('1', 'SECRETVALUE'));
      expect.unreachable();
    } catch (error) {
      expect(isConfigError(error, 'ERR_INI_SYNTAX')).toBe(true);
      expect((error as Error).message).not.toContain('SECRETVALUE');
      expect((error as { details: { reason: string } }).details.reason).toBe(reason);
    }
  });
});

describe('serializeIni', () => {
  it("writes configparser's layout: ' = ', bare keys, tab continuations, blank line after sections", () => {
    const doc = createIniDocument();
    doc.sections.set(
      'p',
      new Map<string, string | null>([
        ['a', '1'],
        ['b', null],
        ['c', 'x\ny'],
      ]),
    );
    expect(serializeIni(doc)).toBe('[p]\na = 1\nb\nc = x\n\ty\n\n');
  });

  it('produces byte-identical output to Python configparser for the same data', () => {
    const text =
      '[_config]\nactive_profile = _default\ncolor = True\nrecord_type_dir\n\n[_default]\nclientid = a/b+c==\ncacertificate = -----BEGIN\n\tMIIB\n\t-----END\n\n';
    const script = [
      'import configparser, sys',
      'c = configparser.ConfigParser(allow_no_value=True)',
      'c.read_string(sys.stdin.read())',
      'c.write(sys.stdout)',
    ].join('\n');
    expect(python(script, text)).toBe(text);
    expect(serializeIni(parseIni(text))).toBe(text);
  });

  it('round-trips what Python configparser reads back to the same values', () => {
    const doc = parseIni('[x]\nk = v = w\nm = line1\n\tline2\nbare\n');
    const script = [
      'import configparser, sys, json',
      'c = configparser.ConfigParser(allow_no_value=True)',
      'c.read_string(sys.stdin.read())',
      'print(json.dumps({s: dict(c[s]) for s in c.sections()}))',
    ].join('\n');
    expect(JSON.parse(python(script, serializeIni(doc)))).toEqual({ x: { k: 'v = w', m: 'line1\nline2', bare: null } });
  });
});
