// Formats: raw keeps strings, structures become JSON, files stay bytes; json and base64 on request.
import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('formatValue', () => {
  it('raw: strings as is, numbers as text, structures as JSON with their leaves masked', () => {
    expect(formatValue('hunter22', 'raw')).toMatchObject({ text: 'hunter22', masks: ['hunter22', 'hunter22'] });
    expect(formatValue(42, 'raw').text).toBe('42');
    const phone = formatValue({ number: '555-0100', type: 'Work' }, 'raw');
    expect(phone.text).toBe('{"number":"555-0100","type":"Work"}');
    expect(phone.masks).toEqual([phone.text, '555-0100', 'Work']);
  });

  it('raw files: the bytes untouched; text files are masked as text', () => {
    const binary = new Uint8Array([0xff, 0xfe, 0, 1]);
    expect(formatValue(binary, 'raw')).toMatchObject({ bytes: binary, masks: [] });
    const pem = new TextEncoder().encode('-----BEGIN-----\nabc\n');
    expect(formatValue(pem, 'raw').masks).toContain('-----BEGIN-----\nabc');
  });

  it('json and base64', () => {
    expect(formatValue('a"b', 'json').text).toBe('"a\\"b"');
    expect(text(formatValue([{ a: 1 }], 'json').bytes)).toBe('[{"a":1}]');
    expect(formatValue('hello', 'base64').text).toBe('aGVsbG8=');
    expect(formatValue(new Uint8Array([0xff, 0xfe]), 'base64').text).toBe('//4=');
  });
});
