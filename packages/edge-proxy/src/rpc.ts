// The service-binding entry point: Workers in the same account call `resolve` / `getRecord` over RPC, each binding
// scoped by the `props` its wrangler config gives it (no token needed inside the account).
import { WorkerEntrypoint } from 'cloudflare:workers';
import { newAudit, writeAudit } from './audit.js';
import { enforceRateLimit } from './auth.js';
import type { RecordSourceContext } from './cache/record-source.js';
import { type EdgeEnv, settingsOf } from './env.js';
import { EdgeError } from './errors.js';
import { forwardRequest } from './forward/forward-request.js';
import { parseScopes } from './scope.js';
import { type FilteredRecord, filteredRecord, resolveNotations } from './secret-access.js';

/** What a service binding's `props` grant (see the README's service binding example). */
export interface BindingProps {
  /** Names the calling Worker in audit lines and rate limits. */
  readonly caller: string;
  /** Notation patterns, as in caller tokens. */
  readonly scopes: readonly string[];
  /** Destination hosts `forward` may call, as a token's `--host` list (default none). */
  readonly hosts?: readonly string[];
}

/** One resolved notation over RPC. */
export interface RpcResolved {
  readonly notation: string;
  readonly values: string[];
}

function propsOf(props: unknown): BindingProps {
  const p = props as Partial<BindingProps> | undefined;
  if (typeof p?.caller !== 'string' || !Array.isArray(p.scopes)) {
    throw new EdgeError('ERR_SCOPE_DENIED', 403, 'This service binding has no scopes; set props { caller, scopes }');
  }
  const strings = (list: unknown) =>
    Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
  return { caller: p.caller, scopes: strings(p.scopes), hosts: strings(p.hosts) };
}

/**
 * RPC entry point for service bindings.
 *
 * @example
 * // In the calling Worker: const [pw] = (await env.SECRETS.resolve(['keeper://UID/field/password']))[0].values;
 */
export class EdgeProxyRpc extends WorkerEntrypoint<EdgeEnv> {
  async #run<T>(
    path: string,
    work: (rc: RecordSourceContext, props: BindingProps, audit: ReturnType<typeof newAudit>) => Promise<T>,
  ) {
    const started = performance.now();
    const audit = newAudit();
    audit.mode = 'rpc';
    let status = 200;
    try {
      const props = propsOf((this.ctx as ExecutionContext & { props?: unknown }).props);
      audit.caller = `binding:${props.caller}`;
      const settings = settingsOf(this.env);
      await enforceRateLimit(this.env, audit.caller, settings.ratePerMinute);
      const rc: RecordSourceContext = {
        env: this.env,
        settings,
        waitUntil: (promise) => this.ctx.waitUntil(promise),
        cache: (caches as unknown as { default: Cache }).default,
      };
      return await work(rc, props, audit);
    } catch (error) {
      const edge =
        error instanceof EdgeError ? error : new EdgeError('ERR_INTERNAL', 500, 'Internal error in the edge proxy');
      status = edge.status;
      audit.decision = status === 401 || status === 403 ? 'deny' : 'error';
      audit.code = edge.code;
      // RPC carries the message across; the code leads it so callers can branch on it.
      throw new Error(`${edge.code}: ${edge.message}`);
    } finally {
      writeAudit(audit, { method: 'RPC', path, status, ms: Math.round((performance.now() - started) * 100) / 100 });
    }
  }

  /** Values of notations the binding's scopes allow (all or nothing, as `POST /v1/resolve`). */
  resolve(notations: string[]): Promise<RpcResolved[]> {
    return this.#run('resolve', async (rc, props, audit) => {
      if (!Array.isArray(notations) || notations.length === 0 || notations.length > 100) {
        throw new EdgeError('ERR_INVALID_REQUEST', 400, 'Pass an array of 1 to 100 notations');
      }
      const resolved = await resolveNotations(rc, parseScopes(props.scopes), notations, audit);
      return resolved.map(({ notation, values }) => ({ notation, values }));
    });
  }

  /** Inject mode (as `POST /v1/forward`): `{ url, method?, headers?, body? }` with placeholders; the scrubbed reply. */
  forward(input: {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string | null;
  }): Promise<Response> {
    return this.#run('forward', async (rc, props, audit) => {
      if (typeof input !== 'object' || input === null)
        throw new EdgeError('ERR_INVALID_REQUEST', 400, 'Pass { url, method, headers, body }');
      return forwardRequest(input as Record<string, unknown>, {
        records: rc,
        rules: parseScopes(props.scopes),
        hosts: props.hosts ?? [],
        settings: rc.settings,
        audit,
      });
    });
  }

  /** The record `uid` with only the fields the binding's scopes allow (as `GET /v1/secrets/:uid`). */
  getRecord(uid: string): Promise<FilteredRecord> {
    return this.#run('getRecord', (rc, props, audit) => filteredRecord(rc, parseScopes(props.scopes), uid, audit));
  }
}
