// Differential: for the plugin's notation forms, ksm-step resolves what the official JS SDK's getValue returns.
import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import * as sdk from '@keeper-security/secrets-manager-core';
import { createEnvStorage, createNodeClient } from '@ksmkit/config';
import { slow } from '@ksmkit/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSpec } from '../spec/validate.js';
import { SEED_VALUES, type StepVault, startStepVault } from '../test-support/step-vault.js';
import { resolveApplication } from './resolve-application.js';

let sv: StepVault;
let config: string;

beforeAll(async () => {
  sv = await startStepVault();
  config = await sv.newConfig();
  if (sv.vault.caCertPath !== null)
    sdk.setCustomProxyAgent(new Agent({ ca: await readFile(sv.vault.caCertPath, 'utf8'), keepAlive: false }));
}, slow.timeout);

afterAll(async () => {
  await sv?.vault.stop();
});

function forms(): string[] {
  const { login, contact, images } = sv.uids;
  return [
    `keeper://${login}/field/login`,
    `${login}/field/password`,
    `keeper://Web Login/field/login`,
    `Contact/custom_field/phone[1][number]`,
    `keeper://${contact}/custom_field/phone[1][number]`,
    `${contact}/custom_field/phone[0][type]`,
    `${contact}/custom_field/phone[number]`,
    `${contact}/custom_field/phone`,
    `${contact}/custom_field/phone[]`,
    `${contact}/custom_field/phone[1]`,
    `${login}/type`,
    `${login}/title`,
    `keeper://${images}/file/IMG_0036.png`,
    `${images}/file/server.pem`,
  ];
}

describe('ksm-step resolves what the official SDK getValue returns', () => {
  it('for every notation form the plugin documents', slow, async () => {
    const notations = forms();
    const secrets = notations.map((notation, i) => {
      const isFile = notation.includes('/file/');
      return isFile
        ? { destination: 'file', filePath: `f${i}`, notation }
        : { destination: 'env', envVar: `V${i}`, notation };
    });
    const [app] = validateSpec({ application: [{ credentialsId: 'ci', secrets }] });
    const { client } = await createNodeClient({ storage: createEnvStorage({ KSM_CONFIG: config }) });
    const ours = await resolveApplication(client, app!);

    const theirs = await sdk.getSecrets({
      storage: sdk.loadJsonConfig(config),
      serverPublicKey: sv.vault.serverPublicKey,
      serverPublicKeyId: String(sv.vault.serverPublicKeyId),
    } as sdk.SecretManagerOptions);
    expect(ours).toHaveLength(notations.length);
    expect(ours[4]?.text).toBe(SEED_VALUES.phone1);
    for (const [i, notation] of notations.entries()) {
      const value = sdk.getValue(theirs, notation);
      const mine = ours[i]!;
      if (notation.includes('/file/')) {
        const bytes = await sdk.downloadFile(value as sdk.KeeperFile);
        expect(mine.bytes, notation).toEqual(new Uint8Array(bytes));
      } else {
        expect(mine.text, notation).toBe(typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
  });
});
