// XML/HTML-escaped forms of a secret: text content and attribute values, with each common apostrophe entity.

/**
 * The XML/HTML patterns of a secret: `&`, `<`, `>` escaped (text), plus `"` as `&quot;` and `'` as `&#39;`,
 * `&apos;` or `&#x27;` (attributes, as HTML template engines write them).
 *
 * @example
 * xmlForms('a<b'); // ['a&lt;b', …]
 */
export function xmlForms(value: string): string[] {
  const text = value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const quoted = text.replaceAll('"', '&quot;');
  return [
    text,
    quoted,
    quoted.replaceAll("'", '&#39;'),
    quoted.replaceAll("'", '&apos;'),
    quoted.replaceAll("'", '&#x27;'),
  ];
}
