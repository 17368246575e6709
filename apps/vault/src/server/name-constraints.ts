// DER of an X.509 NameConstraints extension (RFC 5280 §4.2.1.10) permitting only the vault's own names.
import { isIP } from 'node:net';

/** Object identifier of the NameConstraints extension. */
export const NAME_CONSTRAINTS_OID = '2.5.29.30';

function der(tag: number, content: Uint8Array): Uint8Array {
  const length = content.length;
  const head =
    length < 0x80
      ? [tag, length]
      : length < 0x100
        ? [tag, 0x81, length]
        : [tag, 0x82, (length >> 8) & 0xff, length & 0xff];
  const out = new Uint8Array(head.length + length);
  out.set(head);
  out.set(content, head.length);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function ipv6Bytes(address: string): number[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return groups.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [(value >> 8) & 0xff, value & 0xff];
  });
}

/** A permitted subtree: a DNS name or an IP network given as `address/prefix` or a bare address. */
function subtree(name: string): Uint8Array {
  const [address = '', prefixText] = name.split('/');
  const family = isIP(address);
  if (family === 0) return der(0x30, der(0x82, new TextEncoder().encode(address)));
  const bytes = family === 4 ? address.split('.').map(Number) : ipv6Bytes(address);
  const prefix = prefixText === undefined ? bytes.length * 8 : Number(prefixText);
  const mask = bytes.map((_, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return (0xff << (8 - bits)) & 0xff;
  });
  return der(0x30, der(0x87, new Uint8Array([...bytes.map((b, i) => b & (mask[i] ?? 0)), ...mask])));
}

/**
 * The DER value of a NameConstraints extension whose permitted subtrees are `names` (DNS names, IP addresses,
 * or `address/prefix` networks): a CA carrying it cannot vouch for any other name.
 *
 * @example
 * const value = nameConstraintsDer(['localhost', '127.0.0.0/8', '::1']);
 */
export function nameConstraintsDer(names: readonly string[]): Uint8Array<ArrayBuffer> {
  const permitted = der(0xa0, concat(names.map(subtree)));
  return der(0x30, permitted) as Uint8Array<ArrayBuffer>;
}
