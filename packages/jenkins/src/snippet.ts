// `ksm-step snippet`: a withKsm block, a GitHub Actions step and a GitLab job for one credential and its secrets.

/** One secret of a snippet, in the action's line syntax terms. */
export interface SnippetSecret {
  readonly notation: string;
  readonly destination: 'env' | 'file';
  /** Env var name or file path. */
  readonly target: string;
}

const groovyString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Parses `NOTATION > env:NAME` / `NOTATION > file:PATH` (split at the last `>`; a bare NAME means env).
 *
 * @example
 * parseSnippetSecret('UID/field/login > env:LOGIN'); // { notation: 'UID/field/login', destination: 'env', target: 'LOGIN' }
 */
export function parseSnippetSecret(line: string): SnippetSecret {
  const at = line.lastIndexOf('>');
  if (at === -1) throw new Error(`Expected NOTATION > env:NAME or NOTATION > file:PATH, got ${JSON.stringify(line)}`);
  const notation = line.slice(0, at).trim();
  const dest = line.slice(at + 1).trim();
  if (dest.startsWith('file:')) return { notation, destination: 'file', target: dest.slice(5) };
  return { notation, destination: 'env', target: dest.startsWith('env:') ? dest.slice(4) : dest };
}

/**
 * The three snippets, ready to paste.
 *
 * @example
 * console.log(renderSnippets('ci', [{ notation: 'UID/field/password', destination: 'env', target: 'DB_PASSWORD' }]));
 */
export function renderSnippets(credentialsId: string, secrets: readonly SnippetSecret[]): string {
  const entries = secrets.map(
    (s) =>
      `          [destination: '${s.destination}', envVar: ${groovyString(s.destination === 'env' ? s.target : '')}, ` +
      `filePath: ${groovyString(s.destination === 'file' ? s.target : '')}, notation: ${groovyString(s.notation)}],`,
  );
  const envName = `KSM_CONFIG_${credentialsId.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
  const actionLines = secrets.map((s) => `          ${s.notation} > ${s.destination}:${s.target}`);
  const yamlSpec = secrets.map(
    (s) =>
      `      - { destination: ${s.destination}, ${s.destination === 'env' ? 'envVar' : 'filePath'}: ${JSON.stringify(s.target)}, notation: ${JSON.stringify(s.notation)} }`,
  );
  return [
    '// Jenkinsfile (withKsm)',
    'withKsm(application: [',
    '  [',
    `    credentialsId: ${groovyString(credentialsId)},`,
    '    secrets: [',
    ...entries.map((line) => line.slice(4)),
    '    ]',
    '  ]',
    ']) {',
    "  sh './build.sh'",
    '}',
    '',
    '# GitHub Actions step',
    '- uses: ksmkit/jenkins@v1',
    '  with:',
    `    keeper-secret-config: \${{ secrets.${envName} }}`,
    '    secrets: |',
    ...actionLines.map((line) => line.slice(4)),
    '',
    `# GitLab CI job (set the masked CI/CD variable ${envName})`,
    'build:',
    '  script:',
    '    - |',
    '      cat > ksm-spec.yaml <<EOF',
    '      application:',
    `        - credentialsId: ${JSON.stringify(credentialsId)}`,
    '          secrets:',
    ...yamlSpec.map((line) => `      ${line}`),
    '      EOF',
    '    - npx -p @ksmkit/jenkins ksm-step run --spec ksm-spec.yaml -- ./build.sh',
    '',
  ].join('\n');
}
