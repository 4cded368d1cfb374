import { Command, CommanderError } from 'commander';
import { registerServe } from './serve.ts';
import { registerExportPdf } from './export-pdf.ts';
import { registerImport } from './import.ts';
import { registerCluster } from './cluster.ts';
import { registerCheck } from './check.ts';

/** The `podium` command. Each subcommand lives in its own module and registers itself here. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('podium')
    .description('Hands-on Kubernetes and Amazon EKS workshops')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerExportPdf(program);
  registerImport(program);
  registerCluster(program);
  registerCheck(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    console.error(`podium: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
