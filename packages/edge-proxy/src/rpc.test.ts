// The service-binding entry point, called through a loopback binding with props (as a calling Worker's binding).
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { EdgeProxyRpc } from './rpc.js';
import type { FilteredRecord } from './secret-access.js';
import { uidOf } from './test-support/worker-test.js';

type Binding = Service<EdgeProxyRpc>;

function binding(props?: { caller: string; scopes: string[] }): Binding {
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

  it('refuses a binding without props', async () => {
    expect(await failure(binding().resolve([`keeper://${uidOf('Postgres')}/title`]))).toMatch(/^ERR_SCOPE_DENIED/);
  });
});
