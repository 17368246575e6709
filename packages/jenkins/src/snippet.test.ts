// The generated snippets are valid: the withKsm block parses and validates; the GitLab job is YAML with a valid spec.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseSnippetSecret, renderSnippets } from './snippet.js';
import { parseSpecText } from './spec/load-spec.js';
import { validateSpec } from './spec/validate.js';

const UID = 'Atu8tVgMxpB-iO4xT-Vu3Q';
const secrets = [
  parseSnippetSecret(`keeper://${UID}/field/login > env:MY_LOGIN`),
  parseSnippetSecret(`${UID}/custom_field/It's > here[1][number] > PHONE`),
  parseSnippetSecret(`${UID}/file/IMG_0036.png > file:img.png`),
];

describe('ksm-step snippet', () => {
  it('splits secret lines at the last >', () => {
    expect(secrets.map((s) => [s.destination, s.target])).toEqual([
      ['env', 'MY_LOGIN'],
      ['env', 'PHONE'],
      ['file', 'img.png'],
    ]);
    expect(secrets[1]?.notation).toBe(`${UID}/custom_field/It's > here[1][number]`);
  });

  it('prints a withKsm block that parses and validates to the same secrets', async () => {
    const text = renderSnippets('PID-1', secrets);
    const groovy = text.slice(text.indexOf('withKsm('), text.indexOf('\n}\n') + 2);
    const apps = validateSpec((await parseSpecText(groovy)).spec);
    expect(apps[0]?.credentialsId).toBe('PID-1');
    expect(apps[0]?.secrets.map((s) => [s.destination, s.target, s.notation])).toEqual(
      secrets.map((s) => [s.destination, s.target, s.notation]),
    );
  });

  it('prints a GitHub Actions step and a GitLab job whose spec validates', async () => {
    const text = renderSnippets('PID-1', secrets);
    const github = parseYaml(text.slice(text.indexOf('- uses:'), text.indexOf('# GitLab'))) as {
      with: { secrets: string };
    }[];
    expect(github[0]?.with.secrets.trim().split('\n')).toHaveLength(3);
    const gitlab = parseYaml(text.slice(text.indexOf('build:'))) as { build: { script: string[] } };
    const heredoc = gitlab.build.script[0] ?? '';
    const spec = heredoc.slice(heredoc.indexOf('\n') + 1, heredoc.lastIndexOf('EOF'));
    expect(validateSpec((await parseSpecText(spec)).spec)[0]?.secrets).toHaveLength(3);
    expect(text).toContain('KSM_CONFIG_PID_1');
  });
});
