// The service-binding entry point, called through a loopback binding with props (as a calling Worker's binding).
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { EdgeProxyRpc } from './rpc.js';
import type { FilteredRecord } from './secret-access.js';
import { env, uidOf } from './test-support/worker-test.js';

type Binding = Service<EdgeProxyRpc>;

function binding(props?: { caller: string; scopes: string[]; hosts?: string[] }): Binding {
  const factory = (exports as unknown as { EdgeProxyRpc: (options: { props?: unknown }) => Binding }).EdgeProxyRpc;
  return factory(props === undefined ? {} : { props });
}

/** The message of an RPC call's rejection (RPC errors cross the boundary as plain Errors). */
async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'resolved';
}

describe('EdgeProxyRpc', () => {
  it('resolves what the binding props allow and refuses the rest', async () => {
    const uid = uidOf('Postgres');
    const rpc = binding({ caller: 'billing', scopes: [`keeper://${uid}/field/password`] });
    expect(await rpc.resolve([`keeper://${uid}/field/password`])).toEqual([
      { notation: `keeper://${uid}/field/password`, values: ['pg-s3cr3t-value'] },
    ]);
    expect(await failure(rpc.resolve([`keeper://${uid}/field/login`]))).toMatch(/^ERR_SCOPE_DENIED/);
    const record = (await rpc.getRecord(uid)) as unknown as FilteredRecord;
    expect(record.fields).toEqual([{ type: 'password', value: ['pg-s3cr3t-value'] }]);
  });

  it('forwards with the binding props as scope and host allowlist, returning the scrubbed reply', async () => {
    const stripe = uidOf('Stripe');
    const rpc = binding({ caller: 'payments', scopes: [`keeper://${stripe}/field/password`], hosts: ['localhost'] });
    const input = {
      url: `${env.TEST_UPSTREAM_URL}/echo`,
      headers: { authorization: `Bearer {{keeper://${stripe}/field/password}}` },
    };
    const reply = (await rpc.forward(input)) as unknown as Response;
    expect(reply.status).toBe(200);
    expect(await reply.text()).not.toContain('sk_live_stripe_value');
    const denied = binding({ caller: 'payments', scopes: [`keeper://${stripe}/field/password`] });
    expect(await failure(denied.forward(input))).toMatch(/^ERR_DESTINATION_DENIED/);
  });

  it('refuses a binding without props', async () => {
    expect(await failure(binding().resolve([`keeper://${uidOf('Postgres')}/title`]))).toMatch(/^ERR_SCOPE_DENIED/);
  });
});
