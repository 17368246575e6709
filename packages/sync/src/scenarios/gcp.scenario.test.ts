// The scenarios against the GCP Secret Manager fake, driven by @google-cloud/secret-manager over its REST fallback.
import { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { type GcpFake, startGcpFake } from '../../test-support/gcp-fake.js';
import { countFaults, describeScenarios } from '../../test-support/scenario-suite.js';
import { createHasher } from '../hash.js';
import { createGcpProvider } from '../providers/gcp.js';

let gcp: GcpFake;
let mark = 0;
const isWrite = (line: string) => line.includes(':addVersion');
const authClient = () => {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: gcp.token, expiry_date: Date.now() + 3_600_000 });
  return auth;
};

describeScenarios({
  label: 'GCP Secret Manager (fake, REST fallback)',
  async start() {
    gcp = await startGcpFake();
  },
  stop: () => gcp.stop(),
  target: () => ({ type: 'gcp', projectId: gcp.project, apiEndpoint: gcp.host }),
  providerOptions: () => ({ gcpTransport: { port: gcp.port, protocol: 'http', authClient: authClient() } }),
  name: (job, key) => `${job}-${key}`,
  value: async (name) => gcp.read(name),
  foreign: async (name, value) => gcp.put(name, value),
  edit: async (name, value) => gcp.put(name, value),
  softDeleted: async (name) => gcp.latestState(name) === 'DISABLED',
  faults(count, retryAfter, errors) {
    mark = gcp.log.length;
    gcp.inject({ count, status: 429, retryAfter, match: isWrite });
    gcp.inject({ count: errors, status: 503, match: isWrite });
  },
  faultCounts: () => countFaults(gcp.log.slice(mark), (entry) => isWrite(entry.request)),
});

describe('the GCP provider', () => {
  it('adds a version only when the value changed and keeps tags in annotations', { timeout: 30_000 }, async () => {
    const provider = createGcpProvider({
      projectId: gcp.project,
      apiEndpoint: gcp.host,
      port: gcp.port,
      protocol: 'http',
      authClient: authClient(),
    });
    const hash = createHasher('ver');
    const bytes = new TextEncoder().encode('v1');
    await provider.create(
      'ver-db',
      { bytes, binary: false },
      { owner: 'ver', source: 'UID/field/password', hash: hash('ver-db', bytes) },
      { restore: false },
    );
    const owned = await provider.listOwned('ver');
    expect(owned).toEqual([
      {
        name: 'ver-db',
        tags: { owner: 'ver', source: 'UID/field/password', hash: hash('ver-db', bytes) },
        softDeleted: false,
      },
    ]);
    expect((await provider.readHashes(['ver-db'], hash)).get('ver-db')).toBe(hash('ver-db', bytes));
    expect(gcp.log.filter((entry) => entry.request.includes('ver-db:addVersion'))).toHaveLength(1);
  });

  it('keeps the newest N versions enabled and disables (or destroys) the superseded ones', {
    timeout: 30_000,
  }, async () => {
    const tags = { owner: 'hyg', source: 's', hash: 'h' };
    const text = (t: string) => ({ bytes: new TextEncoder().encode(t), binary: false });
    const transport = { apiEndpoint: gcp.host, port: gcp.port, protocol: 'http' as const, authClient: authClient() };
    const keep2 = createGcpProvider({ projectId: gcp.project, ...transport, keepVersions: 2 });
    await keep2.create('hyg-db', text('v1'), tags, { restore: false });
    for (const v of ['v2', 'v3', 'v4']) await keep2.update('hyg-db', text(v), tags);
    expect(gcp.states('hyg-db')).toEqual(['DISABLED', 'DISABLED', 'ENABLED', 'ENABLED']);
    const destroy = createGcpProvider({
      projectId: gcp.project,
      ...transport,
      keepVersions: 1,
      supersededVersions: 'destroy',
    });
    await destroy.update('hyg-db', text('v5'), tags);
    expect(gcp.states('hyg-db')).toEqual(['DISABLED', 'DISABLED', 'DESTROYED', 'DESTROYED', 'ENABLED']);
    expect(gcp.read('hyg-db')).toBe('v5');
  });
});
