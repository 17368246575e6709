// Config snippets: each client's shape, with the profile and never a device config.
import { describe, expect, it } from 'vitest';
import { clientSnippet } from './client-config.js';

describe('clientSnippet', () => {
  it('Claude Desktop and Cursor use mcpServers with the stdio command', () => {
    for (const kind of ['claude', 'cursor'] as const) {
      expect(JSON.parse(clientSnippet(kind, { profile: 'prod' }))).toEqual({
        mcpServers: { keeper: { command: 'ksmkit-mcp', args: ['stdio', '--profile', 'prod'] } },
      });
    }
  });

  it('VS Code uses servers with a type; HTTP carries a bearer header placeholder', () => {
    expect(JSON.parse(clientSnippet('vscode', { readOnly: true }))).toEqual({
      servers: { keeper: { type: 'stdio', command: 'ksmkit-mcp', args: ['stdio', '--read-only'] } },
    });
    const http = JSON.parse(clientSnippet('vscode', { url: 'http://127.0.0.1:8787/mcp' }));
    expect(http.servers.keeper).toMatchObject({ type: 'http', url: 'http://127.0.0.1:8787/mcp' });
  });

  it('Claude Code gets a command line', () => {
    expect(clientSnippet('claude-code', { profile: 'dev' })).toBe(
      'claude mcp add keeper -- ksmkit-mcp stdio --profile dev',
    );
  });
});
