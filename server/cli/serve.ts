import type { Command } from 'commander';
import { readServerConfig, parsePort } from '../config.ts';
import { startServer } from '../main.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the built workshop site (run `npm run build` first)')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 4321)')
    .option('--host <host>', 'interface to listen on (default: $HOST or 0.0.0.0)')
    .action(async (opts: { port?: string; host?: string }) => {
      const config = readServerConfig(process.env, {
        ...(opts.port !== undefined ? { port: parsePort(opts.port, 4321) } : {}),
        ...(opts.host !== undefined ? { host: opts.host } : {}),
      });
      const server = await startServer(config);
      console.log(`Podium is serving the workshop at ${server.url}`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
