// Name templates for derived destination names: `prod/{{record.title | kebab}}`, checked when the map loads.

/** Values a template may use. */
export interface TemplateContext {
  readonly record?: { readonly title: string; readonly uid: string; readonly type: string };
  readonly folder?: { readonly uid: string };
  readonly job: string;
}

const VARIABLES = ['record.title', 'record.uid', 'record.type', 'folder.uid', 'job'] as const;
const words = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
const FILTERS: Readonly<Record<string, (text: string) => string>> = {
  kebab: (text) => words(text).join('-').toLowerCase(),
  snake: (text) => words(text).join('_').toLowerCase(),
  upper: (text) => text.toUpperCase(),
  lower: (text) => text.toLowerCase(),
};
const PART = /\{\{\s*([a-z.]+)\s*((?:\|\s*[a-z]+\s*)*)\}\}/g;

/** True when `name` contains a `{{…}}` placeholder. */
export function isTemplate(name: string): boolean {
  return name.includes('{{');
}

/**
 * The problem with a template (unknown variable or filter, unbalanced braces), or null when it is usable.
 *
 * @example
 * checkTemplate('prod/{{record.title | kebab}}'); // null
 */
export function checkTemplate(template: string): string | null {
  const rest = template.replace(PART, (_all, variable: string, filters: string) => {
    if (!(VARIABLES as readonly string[]).includes(variable)) return `\0unknown variable "${variable}"`;
    for (const filter of filters
      .split('|')
      .map((f) => f.trim())
      .filter(Boolean))
      if (FILTERS[filter] === undefined) return `\0unknown filter "${filter}"`;
    return '';
  });
  const bad = rest.match(/\0([^\0]*)/);
  if (bad?.[1] !== undefined)
    return `${bad[1]} (variables: ${VARIABLES.join(', ')}; filters: ${Object.keys(FILTERS).join(', ')})`;
  if (rest.includes('{{') || rest.includes('}}')) return 'unbalanced "{{" or "}}"';
  return null;
}

/**
 * The literal text before the first placeholder (what every rendered name starts with).
 *
 * @example
 * literalPrefix('prod/{{record.uid}}'); // 'prod/'
 */
export function literalPrefix(template: string): string {
  const at = template.indexOf('{{');
  return at < 0 ? template : template.slice(0, at);
}

/**
 * Renders a checked template.
 *
 * @example
 * renderTemplate('prod/{{record.title | kebab}}', { job: 'j', record: { title: 'My DB', uid: 'x', type: 'login' } }); // 'prod/my-db'
 */
export function renderTemplate(template: string, context: TemplateContext): string {
  return template.replace(PART, (_all, variable: string, filters: string) => {
    const [scope, key] = variable.split('.') as [string, string | undefined];
    const base =
      scope === 'job'
        ? context.job
        : String((context[scope as 'record' | 'folder'] as Record<string, string> | undefined)?.[key ?? ''] ?? '');
    return filters
      .split('|')
      .map((f) => f.trim())
      .filter(Boolean)
      .reduce((text, filter) => (FILTERS[filter] as (t: string) => string)(text), base);
  });
}
