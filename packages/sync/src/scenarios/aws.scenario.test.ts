// The scenarios against AWS Secrets Manager on moto_server (behind a fault-injecting proxy), plus what is AWS's own.
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../test-support/fault-proxy.js';
import { type Moto, startMotoServer } from '../../test-support/moto.js';
import { countFaults, describeScenarios } from '../../test-support/scenario-suite.js';
import { createHasher } from '../hash.js';
import { createAwsProvider } from '../providers/aws.js';

let moto: Moto;
let proxy: FaultProxy;
let aws: SecretsManagerClient;
let mark = 0;
const isWrite = (op: string) => op === 'CreateSecret' || op === 'PutSecretValue';

const awsValue = async (name: string) => {
  try {
    return (await aws.send(new GetSecretValueCommand({ SecretId: name }))).SecretString;
  } catch {
    return undefined;
  }
};

describeScenarios({
  label: 'AWS Secrets Manager (moto_server)',
  async start() {
    process.env.AWS_ACCESS_KEY_ID = 'testing';
    process.env.AWS_SECRET_ACCESS_KEY = 'testing';
    moto = await startMotoServer();
    proxy = await startFaultProxy(moto.endpoint);
    aws = new SecretsManagerClient({ region: 'us-east-1', endpoint: moto.endpoint });
  },
  async stop() {
    await proxy?.stop();
    await moto?.stop();
  },
  target: () => ({ type: 'aws', region: 'us-east-1', endpoint: proxy.url }),
  name: (job, key) => `${job}/${key}`,
  value: awsValue,
  foreign: async (name, value) => void (await aws.send(new CreateSecretCommand({ Name: name, SecretString: value }))),
  edit: async (name, value) =>
    void (await aws.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }))),
  softDeleted: async (name) =>
    (await aws.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate instanceof Date,
  faults(count, retryAfter, errors) {
    mark = proxy.log.length;
    proxy.inject({ count, status: 400, type: 'ThrottlingException', retryAfter, match: isWrite });
    proxy.inject({ count: errors, status: 503, type: 'ServiceUnavailable', match: isWrite });
  },
  faultCounts: () => countFaults(proxy.log.slice(mark), (entry) => isWrite(entry.operation)),
});

describe('the AWS provider', () => {
  it('tags what it writes and reads values in batches of 20 (one list page, one batch read per 20 secrets)', {
    timeout: 30_000,
  }, async () => {
    const provider = createAwsProvider({ region: 'us-east-1', endpoint: moto.endpoint });
    const hash = createHasher('batch');
    const names = Array.from({ length: 25 }, (_, i) => `batch/s${String(i).padStart(2, '0')}`);
    for (const name of names) {
      const bytes = new TextEncoder().encode(`v-${name}`);
      await provider.create(
        name,
        { bytes, binary: false },
        { owner: 'batch', source: 'UID/field/password', hash: hash(name, bytes) },
        { restore: false },
      );
    }
    const tags = Object.fromEntries(
      ((await aws.send(new DescribeSecretCommand({ SecretId: names[0] }))).Tags ?? []).map((t) => [t.Key, t.Value]),
    );
    expect(tags).toMatchObject({ 'ksm-sync:owner': 'batch', 'ksm-sync:source': 'UID/field/password' });
    const reading = createAwsProvider({ region: 'us-east-1', endpoint: moto.endpoint });
    expect((await reading.listOwned('batch')).map((s) => s.name).sort()).toEqual(names);
    const hashes = await reading.readHashes(names, hash);
    expect(hashes.get('batch/s07')).toBe(hash('batch/s07', new TextEncoder().encode('v-batch/s07')));
    expect(reading.calls).toEqual({ reads: 3, writes: 0, retries: 0 });
  });
});
