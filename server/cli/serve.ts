import type { Command } from 'commander';
import { readServerConfig, parsePort } from '../config.ts';
import { startPlatform } from '../platform.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the workshop: the built site, learners\' labs and their clusters (run `npm run build` first)')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 4321)')
    .option('--host <host>', 'interface to listen on (default: $HOST or 0.0.0.0)')
    .option('--data-dir <dir>', 'where state is kept (default: $PODIUM_DATA_DIR or .podium/)')
    .action(async (opts: { port?: string; host?: string; dataDir?: string }) => {
      const config = readServerConfig(process.env, {
        ...(opts.port !== undefined ? { port: parsePort(opts.port, 4321) } : {}),
        ...(opts.host !== undefined ? { host: opts.host } : {}),
        ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
      });
      const platform = await startPlatform(config);
      console.log(`Podium is serving the workshop at ${platform.url}`);
      console.log(`Workshop code: ${platform.workshop.code.toUpperCase()}  (learners join at ${platform.url}/join)`);
      console.log(`Labs: ${platform.labs.join(', ') || 'none'}`);
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await platform.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
