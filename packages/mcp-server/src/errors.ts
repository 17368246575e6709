// The one error class of @ksmkit/mcp-server: a stable string code, a message that never carries a secret value.

/** Every code a tool or command of the MCP server fails with. */
export type McpServerErrorCode =
  | 'ERR_NOT_FOUND'
  | 'ERR_OUT_OF_SCOPE'
  | 'ERR_INVALID_INPUT'
  | 'ERR_APPROVAL_DECLINED'
  | 'ERR_APPROVAL_CANCELLED'
  | 'ERR_APPROVAL_UNAVAILABLE'
  | 'ERR_NOT_ALLOWED'
  | 'ERR_TOO_LARGE'
  | 'ERR_TIMEOUT'
  | 'ERR_CONFIG';

/** A local failure of the MCP server; tools turn it into an `isError` result at the handler boundary. */
export class McpServerError extends Error {
  readonly code: McpServerErrorCode;
  override readonly name = 'McpServerError';

  constructor(code: McpServerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/**
 * The stable code of any error: `ERR_…` from ksmkit packages, else `ERR_INTERNAL`.
 *
 * @example
 * errorCode(new McpServerError('ERR_NOT_FOUND', 'no record')) // 'ERR_NOT_FOUND'
 */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_') ? code : 'ERR_INTERNAL';
}
