// The hono environment of the proxy: bindings plus what the middleware sets for each request.
import type { AuditRecord } from './audit.js';
import type { RecordSourceContext } from './cache/record-source.js';
import type { EdgeEnv, EdgeSettings } from './env.js';
import type { ScopeRule } from './scope.js';
import type { Caller } from './token.js';

/** Hono generics of the proxy app. */
export interface EdgeApp {
  Bindings: EdgeEnv;
  Variables: {
    audit: AuditRecord;
    settings: EdgeSettings;
    caller: Caller;
    rules: ScopeRule[];
    records: RecordSourceContext;
  };
}
