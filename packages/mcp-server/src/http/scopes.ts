// Scopes of an HTTP client's bearer token: which groups of tools it may call.

/** `read`: metadata and masked reads; `reveal`: may ask the human to reveal; `use`: run_with_secrets and http_request; `write`: create, update, delete. */
export const SCOPES = ['read', 'reveal', 'use', 'write'] as const;

/** One scope. */
export type Scope = (typeof SCOPES)[number];

/** Tools that need a scope beyond `read`. */
const TOOL_SCOPE: Readonly<Record<string, Scope>> = {
  run_with_secrets: 'use',
  http_request: 'use',
  create_secret: 'write',
  update_secret: 'write',
  delete_secret: 'write',
  create_folder: 'write',
  update_folder: 'write',
  delete_folder: 'write',
  upload_file: 'write',
  get_totp_code: 'reveal',
};

/**
 * The scope a tool needs (`read` for every tool not listed).
 *
 * @example
 * toolScope('http_request') // 'use'
 */
export function toolScope(tool: string): Scope {
  return TOOL_SCOPE[tool] ?? 'read';
}

/**
 * Parses `read,use` into scopes; throws a message naming the valid ones on anything else.
 *
 * @example
 * parseScopes('read,reveal') // ['read', 'reveal']
 */
export function parseScopes(text: string): Scope[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const part of parts) {
    if (!(SCOPES as readonly string[]).includes(part)) {
      throw new Error(`Unknown scope. Valid scopes: ${SCOPES.join(', ')} (e.g. --scopes read,use)`);
    }
  }
  return [...new Set(parts)] as Scope[];
}
