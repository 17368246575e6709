// The Jenkins shared library under Debian's groovy and a small pipeline harness: the plugin README's Jenkinsfile.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { slow } from '@ksmkit/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KSM_STEP, SEED_VALUES, type StepVault, startStepVault } from './test-support/step-vault.js';

const LIBRARY = fileURLToPath(new URL('../jenkins-library', import.meta.url));
const HARNESS = join(LIBRARY, 'test/pipeline-harness.groovy');
const ENV_NAME = 'KSM_CONFIG_PID_5142CEB84E9B4A2A9179CC5B6FE2798B';

let sv: StepVault;
let config: string;
let dir: string;
let bin: string;
let javaHome: string;

/** The README's Jenkinsfile, unchanged but for this vault's record UIDs (and an optional wrapper). */
function jenkinsfile(wrap: (block: string) => string = (block) => block): string {
  const { login, contact, images } = sv.uids;
  const block = `withKsm(application: [
          [
            credentialsId: 'PID-5142ceb84e9b4a2a9179cc5b6fe2798b',
            secrets: [
              [destination: 'env', envVar: 'MY_LOGIN', filePath: '', notation: 'keeper://${login}/field/login'],
              [destination: 'env', envVar: 'MY_SEC_PHONE_NUM', filePath: '', notation: 'keeper://${contact}/custom_field/phone[1][number]'],
              [destination: 'file', envVar: '', filePath: 'img.png', notation: 'keeper://${images}/file/IMG_0036.png']
            ]
          ]
        ]) {
          sh'''
              # Will be redected in console
              echo "MY_LOGIN = \${MY_LOGIN}"
              echo "MY_SEC_PHONE_NUM = \${MY_SEC_PHONE_NUM}"

              ./my/build/script --login  "\${MY_LOGIN}" --phone "\${MY_SEC_PHONE_NUM}"
              ls -l img.png
          '''
        }`;
  return `pipeline {
  agent any
  stages {
    stage('Hello') {
      steps {
        ${wrap(block)}
      }
    }
  }
}
`;
}

function groovy(workspace: string, env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      'groovy',
      [HARNESS, LIBRARY, join(workspace, 'Jenkinsfile'), workspace],
      {
        env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: dir, JAVA_HOME: javaHome, ...env },
        maxBuffer: 1 << 24,
      },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout: stdout + stderr }),
    );
  });
}

/** A workspace with the Jenkinsfile and `./my/build/script`, which records what it was given in `out`. */
async function workspace(text: string, out: string): Promise<string> {
  const ws = await mkdtemp(join(dir, 'ws-'));
  await writeFile(join(ws, 'Jenkinsfile'), text);
  await mkdir(join(ws, 'my/build'), { recursive: true });
  await writeFile(
    join(ws, 'my/build/script'),
    `#!/bin/sh\nprintf '%s|%s|%s\\n' "$2" "$4" "$(od -An -tx1 img.png | tr -d ' \\n')" > ${out}/args.txt\n`,
  );
  await chmod(join(ws, 'my/build/script'), 0o755);
  return ws;
}

beforeAll(async () => {
  sv = await startStepVault();
  config = await sv.newConfig();
  dir = await mkdtemp(join(tmpdir(), 'ksm-groovy-'));
  bin = join(dir, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'ksm-step'), `#!/bin/sh\nexec "${process.execPath}" "${KSM_STEP}" "$@"\n`);
  await chmod(join(bin, 'ksm-step'), 0o755);
  javaHome = dirname(dirname(await realpath('/usr/bin/java')));
}, slow.timeout);

afterAll(async () => {
  await sv?.vault.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const hex = Buffer.from(SEED_VALUES.imageBytes).toString('hex');

describe('vars/withKsm.groovy', () => {
  it(
    'runs the README Jenkinsfile: the build sees the values, the console shows ****, nothing is left',
    slow,
    async () => {
      const out = await mkdtemp(join(dir, 'out-'));
      const ws = await workspace(jenkinsfile(), out);
      const run = await groovy(ws, { [ENV_NAME]: config });
      expect(run.stdout).toContain('Finished: SUCCESS');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('MY_LOGIN = ****');
      expect(run.stdout).toContain('MY_SEC_PHONE_NUM = ****');
      expect(run.stdout).toContain('+ ./my/build/script --login **** --phone ****');
      expect(run.stdout).toMatch(/-rw------- .* img\.png/);
      expect(run.stdout).not.toContain(SEED_VALUES.login);
      expect(run.stdout).not.toContain(SEED_VALUES.phone1);
      expect(await readFile(join(out, 'args.txt'), 'utf8')).toBe(`${SEED_VALUES.login}|${SEED_VALUES.phone1}|${hex}\n`);
      expect((await readdir(ws)).sort()).toEqual(['Jenkinsfile', 'my']);
    },
  );

  it('takes the config from withCredentials and cleans up when the body fails', slow, async () => {
    const out = await mkdtemp(join(dir, 'out-'));
    const text = jenkinsfile(
      (block) =>
        `withCredentials([string(credentialsId: 'ksm-config', variable: '${ENV_NAME}')]) {\n${block
          .replace('ls -l img.png', 'ls -l img.png; exit 3')
          .replace(
            "sh'''",
            `echo 'plain step'\n withEnv(['EXTRA=1']) { sh 'echo "nested $MY_LOGIN $EXTRA"' }\n echo('got ' + sh(script: 'echo "$MY_LOGIN"', returnStdout: true).trim())\n sh'''`,
          )}\n}`,
    );
    const ws = await workspace(text, out);
    const run = await groovy(ws, { HARNESS_CREDENTIAL_KSM_CONFIG: config });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ERROR: script returned exit code 3');
    expect(run.stdout).toContain('plain step');
    expect(run.stdout).toContain('nested **** 1');
    expect(run.stdout).toContain('got ****');
    expect(run.stdout).toContain('MY_LOGIN = ****');
    expect(run.stdout).not.toContain(SEED_VALUES.login);
    expect((await readdir(ws)).sort()).toEqual(['Jenkinsfile', 'my']);
    expect(await readdir(`${ws}@tmp`)).toEqual([]);
  });

  it('fails with the plugin message when the spec is wrong, before any secret is fetched', slow, async () => {
    const out = await mkdtemp(join(dir, 'out-'));
    const ws = await workspace(jenkinsfile().replace("destination: 'file'", "destination: 'disk'"), out);
    const run = await groovy(ws, { [ENV_NAME]: config });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Keeper Secrets Manager: The script has value problems (1)');
    expect(run.stdout).toContain("Valid values is either 'env' or 'file'");
    expect((await readdir(ws)).sort()).toEqual(['Jenkinsfile', 'my']);
  });
});
