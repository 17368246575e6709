// Percent-encoded forms of a secret (URLs, query strings, form bodies), with upper- and lower-case hex.

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Percent-encodes UTF-8 bytes, keeping the characters `keep` accepts; `plus` writes a space as `+`. */
function encode(bytes: Uint8Array, keep: (char: number) => boolean, plus: boolean): string {
  let out = '';
  for (const byte of bytes) {
    if (plus && byte === 0x20) out += '+';
    else if (keep(byte)) out += String.fromCharCode(byte);
    else out += hex(byte);
  }
  return out;
}

const isAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** encodeURIComponent keeps A–Z a–z 0–9 - _ . ! ~ * ' ( ). */
const uriComponent = (c: number): boolean => isAlnum(c) || "-_.!~*'()".includes(String.fromCharCode(c));
/** RFC 3986 unreserved: A–Z a–z 0–9 - . _ ~ (what most HTTP clients and `curl --data-urlencode` keep). */
const unreserved = (c: number): boolean => isAlnum(c) || '-._~'.includes(String.fromCharCode(c));
/** application/x-www-form-urlencoded (URLSearchParams, HTML forms): A–Z a–z 0–9 * - . _, space as `+`. */
const formSafe = (c: number): boolean => isAlnum(c) || '*-._'.includes(String.fromCharCode(c));

/**
 * The percent-encoded patterns of a secret: encodeURIComponent, RFC 3986 and form encoding (space as `+`), each in
 * upper- and lower-case hex. Mixed-case hex within one value is not covered.
 *
 * @example
 * percentForms(new TextEncoder().encode('a b/c')); // ['a%20b%2Fc', 'a+b%2Fc', 'a%20b%2fc', 'a+b%2fc', …]
 */
export function percentForms(secret: Uint8Array): string[] {
  const upper = [
    encode(secret, uriComponent, false),
    encode(secret, unreserved, false),
    encode(secret, formSafe, true),
    encode(secret, formSafe, false),
  ];
  const lower = upper.map((form) => form.replace(/%[0-9A-F]{2}/g, (triplet) => triplet.toLowerCase()));
  return [...upper, ...lower];
}
