// Name templates render record and folder data through filters; bad templates are caught when the map loads.
import { describe, expect, it } from 'vitest';
import { checkTemplate, literalPrefix, renderTemplate } from './name-template.js';

const context = { job: 'prod', record: { title: 'Café DB (EU) #2', uid: 'AbC', type: 'login' }, folder: { uid: 'F1' } };

describe('renderTemplate', () => {
  it('applies filters in order', () => {
    expect(renderTemplate('app/{{record.title | kebab}}', context)).toBe('app/cafe-db-eu-2');
    expect(renderTemplate('{{record.title | snake | upper}}', context)).toBe('CAFE_DB_EU_2');
    expect(renderTemplate('{{job}}/{{folder.uid}}/{{ record.uid }}', context)).toBe('prod/F1/AbC');
  });
});

describe('checkTemplate and literalPrefix', () => {
  it('accepts known variables and filters and finds the literal prefix', () => {
    expect(checkTemplate('a/{{record.type | lower}}')).toBeNull();
    expect(literalPrefix('a/b/{{record.uid}}')).toBe('a/b/');
  });
  it('refuses unbalanced braces', () => {
    expect(checkTemplate('a/{{record.uid')).toMatch(/unbalanced/);
  });
});
