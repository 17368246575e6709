// The config snippet each MCP client needs to start ksmkit-mcp with a profile (never the device config itself).

/** MCP clients `ksmkit-mcp config` knows. */
export const CLIENT_KINDS = ['claude', 'claude-code', 'cursor', 'vscode'] as const;

/** One client kind. */
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** What the snippet starts: stdio with a profile, or an HTTP URL. */
export interface SnippetInput {
  readonly profile?: string | undefined;
  readonly readOnly?: boolean | undefined;
  /** Streamable HTTP endpoint instead of stdio (the token comes from `ksmkit-mcp clients add`). */
  readonly url?: string | undefined;
}

/**
 * The snippet for `kind`: JSON for config files, a command line for Claude Code.
 *
 * @example
 * clientSnippet('cursor', { profile: 'prod' }) // '{ "mcpServers": { "keeper": { "command": "ksmkit-mcp", … } } }'
 */
export function clientSnippet(kind: ClientKind, input: SnippetInput): string {
  const args = [
    'stdio',
    ...(input.profile ? ['--profile', input.profile] : []),
    ...(input.readOnly ? ['--read-only'] : []),
  ];
  const headers = { Authorization: 'Bearer <token printed by: ksmkit-mcp clients add NAME>' };
  if (kind === 'claude-code') {
    if (input.url)
      return `claude mcp add --transport http keeper ${input.url} --header "Authorization: ${headers.Authorization}"`;
    return `claude mcp add keeper -- ksmkit-mcp ${args.join(' ')}`;
  }
  const stdio = { command: 'ksmkit-mcp', args };
  if (kind === 'vscode') {
    const server = input.url ? { type: 'http', url: input.url, headers } : { type: 'stdio', ...stdio };
    return JSON.stringify({ servers: { keeper: server } }, null, 2);
  }
  const server = input.url ? { url: input.url, headers } : stdio;
  return JSON.stringify({ mcpServers: { keeper: server } }, null, 2);
}

/** Where each client reads the snippet from. */
export const CLIENT_CONFIG_PLACE: Readonly<Record<ClientKind, string>> = {
  claude: 'Claude Desktop: Settings → Developer → Edit Config (claude_desktop_config.json)',
  'claude-code': 'Claude Code: run this command in your project',
  cursor: 'Cursor: ~/.cursor/mcp.json (or .cursor/mcp.json in the project)',
  vscode: 'VS Code: .vscode/mcp.json in the workspace (or "MCP: Open User Configuration")',
};
