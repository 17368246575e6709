// The scenarios against the Azure Key Vault fake (HTTPS, bearer challenge, Entra token endpoint), driven by the official SDKs.
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { describe, expect, it } from 'vitest';
import { type AzureFake, startAzureFake } from '../../test-support/azure-fake.js';
import { countFaults, describeScenarios } from '../../test-support/scenario-suite.js';
import { AZURE_SP } from '../../test-support/seed.js';
import { agentPolicy } from '../providers/azure.js';

let azure: AzureFake;
let mark = 0;
const isWrite = (line: string) => line.startsWith('PUT /secrets/');

describeScenarios({
  label: 'Azure Key Vault (fake)',
  async start() {
    azure = await startAzureFake(AZURE_SP);
  },
  stop: () => azure.stop(),
  target: (credentials) => ({
    type: 'azure',
    vaultUrl: azure.vaultUrl,
    authorityHost: azure.authorityHost,
    credentials,
  }),
  providerOptions: () => ({ httpsAgent: azure.agent }),
  name: (job, key) => `${job}-${key}`,
  value: async (name) => {
    const secret = azure.read(name);
    return secret === undefined || secret.deleted ? undefined : secret.value;
  },
  foreign: async (name, value) => azure.put(name, value, {}),
  edit: async (name, value) => azure.put(name, value),
  softDeleted: async (name) => azure.read(name)?.deleted === true,
  faults(count, retryAfter, errors) {
    mark = azure.log.length;
    azure.inject({ count, status: 429, retryAfter, match: isWrite });
    azure.inject({ count: errors, status: 503, match: isWrite });
  },
  faultCounts: () => countFaults(azure.log.slice(mark), (entry) => isWrite(entry.request)),
});

describe('the Azure fake', () => {
  it('answers an unauthenticated request with a bearer challenge the official SDK follows', {
    timeout: 30_000,
  }, async () => {
    const credential = new ClientSecretCredential(AZURE_SP.tenantId, AZURE_SP.clientId, AZURE_SP.clientSecret, {
      authorityHost: azure.authorityHost,
      disableInstanceDiscovery: true,
      additionalPolicies: [agentPolicy(azure.agent)],
    });
    const client = new SecretClient(azure.vaultUrl, credential, { additionalPolicies: [agentPolicy(azure.agent)] });
    const start = azure.log.length;
    await client.setSecret('challenge-check', 'x');
    const seen = azure.log.slice(start).map((entry) => entry.request);
    expect(seen).toEqual(['PUT /secrets/challenge-check', 'PUT /secrets/challenge-check']);
    const wrong = new ClientSecretCredential(AZURE_SP.tenantId, AZURE_SP.clientId, 'not-the-secret', {
      authorityHost: azure.authorityHost,
      disableInstanceDiscovery: true,
      additionalPolicies: [agentPolicy(azure.agent)],
    });
    await expect(
      new SecretClient(azure.vaultUrl, wrong, { additionalPolicies: [agentPolicy(azure.agent)] }).getSecret(
        'challenge-check',
      ),
    ).rejects.toThrow();
  });
});
