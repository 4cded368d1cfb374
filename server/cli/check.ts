import type { Command } from 'commander';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { playLabFresh } from '../labs/play-lab.ts';
import { formatPlayReport, loadLab, loadLabs } from '../validators/index.ts';

/** `podium check <lab>…`: proves labs can be completed by their own solutions, and that no check passes too early. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('play every step\'s solution of a lab in a fresh sandbox and report each check')
    .argument('[labs...]', 'lab folder names (default: every lab)')
    .option('--labs-dir <dir>', 'the labs folder', path.join(projectRoot, 'labs'))
    .option('--keep-going', 'play the remaining steps after a failed one', false)
    .action(async (names: string[], opts: { labsDir: string; keepGoing: boolean }) => {
      const labsDir = path.resolve(opts.labsDir);
      const loaded = names.length > 0 ? names.map((n) => loadLab(labsDir, n)) : loadLabs(labsDir);
      if (loaded.length === 0) throw new Error(`no labs in ${labsDir}`);
      let failures = 0;
      for (const entry of loaded) {
        if (!entry.ok) {
          console.error(entry.message);
          failures++;
          continue;
        }
        const report = await playLabFresh(entry.lab, labsDir, { keepGoing: opts.keepGoing });
        console.log(formatPlayReport(report));
        if (!report.ok) failures++;
      }
      if (failures > 0) {
        console.error(`\n${failures} of ${loaded.length} lab(s) cannot be completed as written.`);
        process.exitCode = 1;
      }
    });
}
