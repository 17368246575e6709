// `ksmkit-mcp stdio`: serve one MCP client over stdin/stdout until stdin closes.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { defineCommand } from 'citty';
import { connectServer } from './create-server.js';
import { createServices, warmUp } from './services.js';
import { SERVE_ARGS, servicesInput } from './shared-args.js';
import { VERSION } from './version.js';

/** The stdio command (also what `ksmkit-mcp` with no arguments runs). */
export const stdioCommand = defineCommand({
  meta: { name: 'stdio', description: 'Serve MCP over stdin/stdout (what desktop clients spawn)' },
  args: SERVE_ARGS,
  async run({ args }) {
    const services = await createServices(servicesInput(args, VERSION));
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      process.stdin.once('end', resolve);
      process.stdin.once('close', resolve);
    });
    warmUp(services);
    const server = await connectServer(services, transport, 'stdio');
    services.logger.info('serving MCP on stdio');
    await closed;
    await server.close();
  },
});
