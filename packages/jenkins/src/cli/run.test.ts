// End to end: the built ksm-step against a real vault — the plugin's Jenkinsfile example, cleanup, signals, exit codes.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slow } from '@ksmkit/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep, SEED_VALUES, type StepVault, startStepVault } from '../test-support/step-vault.js';

let sv: StepVault;
let config: string;
let dir: string;

/** The README's Jenkinsfile `withKsm` argument, with this vault's UIDs. */
function jenkinsfileSpec(): string {
  const { login, contact, images } = sv.uids;
  return `withKsm(application: [
  [
    credentialsId: 'PID-5142ceb84e9b4a2a9179cc5b6fe2798b',
    secrets: [
      [destination: 'env', envVar: 'MY_LOGIN', filePath: '', notation: 'keeper://${login}/field/login'],
      [destination: 'env', envVar: 'MY_SEC_PHONE_NUM', filePath: '', notation: 'keeper://${contact}/custom_field/phone[1][number]'],
      [destination: 'file', envVar: '', filePath: 'img.png', notation: 'keeper://${images}/file/IMG_0036.png']
    ]
  ]
]) {
  sh 'ignored'
}`;
}

const ENV_NAME = 'KSM_CONFIG_PID_5142CEB84E9B4A2A9179CC5B6FE2798B';

async function workspace(): Promise<string> {
  const ws = await mkdtemp(join(dir, 'ws-'));
  await writeFile(join(ws, 'spec.groovy'), jenkinsfileSpec());
  return ws;
}

beforeAll(async () => {
  sv = await startStepVault();
  config = await sv.newConfig();
  dir = await mkdtemp(join(tmpdir(), 'ksm-step-'));
}, slow.timeout);

afterAll(async () => {
  await sv?.vault.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('ksm-step run', () => {
  it(
    'runs the Jenkinsfile example: the child sees the values, the console shows ****, files are gone',
    slow,
    async () => {
      const ws = await workspace();
      const out = await mkdtemp(join(dir, 'out-'));
      const script = [
        'echo "MY_LOGIN = $MY_LOGIN"',
        'echo "MY_SEC_PHONE_NUM = $MY_SEC_PHONE_NUM" >&2',
        `printf '%s\\n%s\\n' "$MY_LOGIN" "$MY_SEC_PHONE_NUM" > ${out}/seen.txt`,
        `cp img.png ${out}/img.png`,
        `stat -c %a img.png > ${out}/mode.txt`,
        'printf %s "$MY_LOGIN" | base64',
        `env | grep -c '^KSM_CONFIG_' > ${out}/config-vars.txt || true`,
      ].join('\n');
      const run = await runStep(['run', '--spec', 'spec.groovy', '--', 'sh', '-c', script], {
        cwd: ws,
        env: { [ENV_NAME]: config },
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('MY_LOGIN = ****');
      expect(run.stderr).toContain('MY_SEC_PHONE_NUM = ****');
      expect(run.stdout + run.stderr).not.toContain(SEED_VALUES.login);
      expect(run.stdout + run.stderr).not.toContain(SEED_VALUES.phone1);
      expect(run.stdout).not.toContain(Buffer.from(SEED_VALUES.login).toString('base64'));
      expect(run.stderr).toMatch(/masked \d+ occurrence/);
      expect(await readFile(join(out, 'seen.txt'), 'utf8')).toBe(`${SEED_VALUES.login}\n${SEED_VALUES.phone1}\n`);
      expect(new Uint8Array(await readFile(join(out, 'img.png')))).toEqual(SEED_VALUES.imageBytes);
      expect((await readFile(join(out, 'mode.txt'), 'utf8')).trim()).toBe('600');
      expect((await readFile(join(out, 'config-vars.txt'), 'utf8')).trim()).toBe('0');
      expect((await readdir(ws)).sort()).toEqual(['spec.groovy']);
    },
  );

  it('passes a non-zero exit code through and still removes files and the dirs it made', slow, async () => {
    const ws = await workspace();
    const spec = {
      application: [
        {
          credentialsId: 'ci',
          secrets: [
            { destination: 'file', filePath: 'deep/er/cert.pem', notation: `${sv.uids.images}/file/server.pem` },
            { destination: 'env', envVar: 'PASS', notation: `${sv.uids.login}/field/password` },
          ],
        },
      ],
    };
    await writeFile(join(ws, 'spec.json'), JSON.stringify(spec));
    const script = 'cat deep/er/cert.pem; stat -c %a deep deep/er; exit 7';
    const run = await runStep(['run', '--spec', 'spec.json', '--', 'sh', '-c', script], {
      cwd: ws,
      env: { KSM_CONFIG_CI: config },
    });
    expect(run.code).toBe(7);
    expect(run.stdout).not.toContain('line-one-of-cert');
    expect(run.stdout).toContain('****');
    expect(run.stdout).toContain('700\n700');
    expect((await readdir(ws)).sort()).toEqual(['spec.groovy', 'spec.json']);
  });

  it('cleans up after a failed setup (the second file cannot be written)', slow, async () => {
    const ws = await workspace();
    await writeFile(join(ws, 'blocker'), 'a regular file');
    const spec = {
      application: [
        {
          credentialsId: 'ci',
          secrets: [
            { destination: 'file', filePath: 'first/one.png', notation: `${sv.uids.images}/file/IMG_0036.png` },
            { destination: 'file', filePath: 'blocker/two.pem', notation: `${sv.uids.images}/file/server.pem` },
          ],
        },
      ],
    };
    await writeFile(join(ws, 'spec.json'), JSON.stringify(spec));
    const run = await runStep(['run', '--spec', 'spec.json', '--', 'true'], {
      cwd: ws,
      env: { KSM_CONFIG_CI: config },
    });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('Keeper Secrets Manager: Could not write secret to blocker/two.pem');
    expect((await readdir(ws)).sort()).toEqual(['blocker', 'spec.groovy', 'spec.json']);
  });

  it('forwards SIGTERM during the block to the child, cleans up and exits 143', slow, async () => {
    const ws = await workspace();
    let pid = 0;
    const started = new Promise<void>((resolve) => {
      const poll = setInterval(async () => {
        if ((await readdir(ws)).includes('img.png') && (await readdir(ws)).includes('started')) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    const running = runStep(['run', '--spec', 'spec.groovy', '--', 'sh', '-c', 'touch started; exec sleep 30'], {
      cwd: ws,
      env: { [ENV_NAME]: config },
      onStart: (p) => {
        pid = p;
      },
    });
    await started;
    process.kill(pid, 'SIGTERM');
    const run = await running;
    expect(run.code).toBe(143);
    expect((await readdir(ws)).sort()).toEqual(['spec.groovy', 'started']);
  });

  it('gives 128+N when the child is killed by signal N', slow, async () => {
    const ws = await workspace();
    const run = await runStep(['run', '--spec', 'spec.groovy', '--', 'sh', '-c', 'kill -KILL $$'], {
      cwd: ws,
      env: { [ENV_NAME]: config },
    });
    expect(run.code).toBe(137);
    expect((await readdir(ws)).sort()).toEqual(['spec.groovy']);
  });

  it('lets a later application override an earlier one, by title or UID', slow, async () => {
    const ws = await workspace();
    const out = await mkdtemp(join(dir, 'out-'));
    const secret = (notation: string) => ({ destination: 'env', envVar: 'X', notation });
    const spec = {
      application: [
        { credentialsId: 'ci', secrets: [secret(`${sv.uids.login}/field/login`)] },
        { credentialsId: 'ci', secrets: [secret('keeper://Web Login/field/password')] },
      ],
    };
    await writeFile(join(ws, 'two.json'), JSON.stringify(spec));
    const run = await runStep(['run', '--spec', 'two.json', '--', 'sh', '-c', `printf %s "$X" > ${out}/x.txt`], {
      cwd: ws,
      env: { KSM_CONFIG_CI: config },
    });
    expect(run.code).toBe(0);
    expect(await readFile(join(out, 'x.txt'), 'utf8')).toBe(SEED_VALUES.password);
  });

  it(
    'names a value too short to mask (by its destination, never the value) before the command runs',
    slow,
    async () => {
      const ws = await workspace();
      await writeFile(
        join(ws, 'short.yaml'),
        'application:\n  - credentialsId: ci\n    secrets:\n      - { destination: env, envVar: SHORT_PIN, notation: "Short/field/password" }\n',
      );
      const run = await runStep(['run', '--spec', 'short.yaml', '--', 'true'], {
        cwd: ws,
        env: { KSM_CONFIG_CI: config },
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/ksm-step: warning: .*SHORT_PIN/);
      expect(run.stderr).not.toContain('ab1');
    },
  );

  it('keeps a block open across commands (open, exec, close) and forwards SIGTERM inside it', slow, async () => {
    const ws = await workspace();
    const env = { [ENV_NAME]: config };
    expect((await runStep(['open', '--spec', 'spec.groovy', '--session', '.block'], { cwd: ws, env })).code).toBe(0);
    expect((await stat(join(ws, '.block'))).mode & 0o777).toBe(0o700);
    const first = await runStep(
      ['exec', '--session', '.block', '--', 'sh', '-c', 'echo "$MY_LOGIN"; test -f img.png'],
      { cwd: ws },
    );
    expect(first).toMatchObject({ code: 0, stdout: '****\n' });
    let pid = 0;
    const running = runStep(['exec', '--session', '.block', '--', 'sh', '-c', 'touch started; exec sleep 30'], {
      cwd: ws,
      onStart: (p) => {
        pid = p;
      },
    });
    while (!(await readdir(ws)).includes('started')) await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(pid, 'SIGTERM');
    expect((await running).code).toBe(143);
    expect((await runStep(['close', '--session', '.block'], { cwd: ws })).code).toBe(0);
    expect((await readdir(ws)).sort()).toEqual(['spec.groovy', 'started']);
  });

  it('stops on SIGTERM during setup (server not answering): exit 143, nothing written', slow, async () => {
    const ws = await workspace();
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const stuck = JSON.parse(Buffer.from(config, 'base64').toString('utf8')) as Record<string, string>;
    stuck.hostname = `127.0.0.1:${port}`;
    let pid = 0;
    let connected = false;
    silent.on('connection', () => {
      connected = true;
    });
    const running = runStep(['run', '--spec', 'spec.groovy', '--', 'touch', 'ran'], {
      cwd: ws,
      env: { [ENV_NAME]: Buffer.from(JSON.stringify(stuck)).toString('base64') },
      onStart: (p) => {
        pid = p;
      },
    });
    while (!connected) await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(pid, 'SIGTERM');
    const run = await running;
    silent.close();
    expect(run.code).toBe(143);
    expect((await readdir(ws)).sort()).toEqual(['spec.groovy']);
  });

  it('masks the injected device config too', slow, async () => {
    const ws = await workspace();
    const run = await runStep(
      [
        'run',
        '--spec',
        'spec.groovy',
        '--inject-config',
        '--',
        'sh',
        '-c',
        'echo "$KSM_CONFIG_BASE64_1"; echo "$KSM_CONFIG_COUNT"',
      ],
      { cwd: ws, env: { [ENV_NAME]: config } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('****\n1\n');
  });

  it('reports every validation problem at once, before any network call, and writes nothing', async () => {
    const ws = await workspace();
    const spec = `[application: [[credentialsId: 'nowhere', secrets: [
      [destination: '', envVar: 'A', notation: 'x/field/login'],
      [destination: 'vault', envVar: 'A', notation: 'x/field/login'],
      [destination: 'env', envVar: '', notation: 'x/field/login'],
      [destination: 'file', filePath: '', notation: 'x/field/login'],
      [destination: 'env', envVar: 'B', notation: ''],
      [destination: 'file', filePath: '../up.txt', notation: 'x/field/login'],
      [destination: 'file', filePath: 'C:/x.txt', notation: 'x/field/login'],
      [destination: 'env', envVar: 'F', notation: 'x/file/a.png'],
      [destination: 'env', envVar: 'D', notation: 'x/field/login'],
      [destination: 'env', envVar: 'D', notation: 'x/field/password'],
    ]]]]`;
    await writeFile(join(ws, 'bad.groovy'), spec);
    const run = await runStep(['run', '--spec', 'bad.groovy', '--', 'true'], { cwd: ws });
    expect(run.code).toBe(3);
    const text = run.stderr;
    expect(text).toContain('Keeper Secrets Manager: The script has value problems (9)');
    for (const message of [
      'The destination is missing or blank.',
      "The destination is not correct. Valid values is either 'env' or 'file'",
      'The envVar value is missing or blank',
      'The filePath value is missing or blank',
      'The notation is missing or blank.',
      "'..' is not allowed",
      'a drive letter is not allowed',
      "selects a file; use destination: 'file'",
      'duplicate envVar "D"',
    ])
      expect(text).toContain(message);
    expect((await readdir(ws)).sort()).toEqual(['bad.groovy', 'spec.groovy']);
  });

  it('fails on an unknown credential with the plugin message and the places searched', async () => {
    const ws = await workspace();
    const run = await runStep(['run', '--spec', 'spec.groovy', '--', 'true'], { cwd: ws });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('Keeper Secrets Manager: Cannot find the credential for the public id');
    expect(run.stderr).toContain(ENV_NAME);
    expect(run.stderr).toContain('credentials file');
  });

  it('fails on a missing record (count check) and a missing field, printing no value', slow, async () => {
    const ws = await workspace();
    const missing = 'AAAAAAAAAAAAAAAAAAAAAA';
    await writeFile(
      join(ws, 'missing.json'),
      JSON.stringify({
        application: [
          { credentialsId: 'ci', secrets: [{ destination: 'env', envVar: 'X', notation: `${missing}/field/login` }] },
        ],
      }),
    );
    const run = await runStep(['run', '--spec', 'missing.json', '--', 'true'], {
      cwd: ws,
      env: { KSM_CONFIG_CI: config },
    });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('Requested 1 record(s), received 0 record(s)');
    await writeFile(
      join(ws, 'field.yaml'),
      `application:\n  - credentialsId: ci\n    secrets:\n      - { destination: env, envVar: X, notation: "${sv.uids.login}/field/login" }\n      - { destination: env, envVar: Y, notation: "Web Login/custom_field/nothing" }\n`,
    );
    const field = await runStep(['run', '--spec', 'field.yaml', '--', 'true'], {
      cwd: ws,
      env: { KSM_CONFIG_CI: config },
    });
    expect(field.code).toBe(5);
    expect(field.stderr).toContain('application[0].secrets[1] (Y)');
    expect(field.stderr).not.toContain(SEED_VALUES.login);
    expect((await readdir(ws)).sort()).toEqual(['field.yaml', 'missing.json', 'spec.groovy']);
  });

  it('reports a spec syntax error with line and column', async () => {
    const ws = await workspace();
    await writeFile(
      join(ws, 'broken.groovy'),
      "[application: [\n  [credentialsId: 'x', secrets: [[destination: env]]]\n]]",
    );
    const run = await runStep(['run', '--spec', 'broken.groovy', '--', 'true'], { cwd: ws });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('line 2, column 48');
  });
});
