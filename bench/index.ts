import { projectRoot } from '../server/config.ts';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { benchSite } from './site.ts';
import { benchClusterKubectl } from './cluster.ts';
import { benchLabs } from './labs.ts';

/** `npm run bench [section…]`: reports numbers; never passes or fails on time. */
const sections: Record<string, () => void | Promise<void>> = {
  site: () => benchSite(projectRoot),
  kubectl: () => benchClusterKubectl(),
  labs: () => benchLabs(projectRoot),
  // In a process of its own, to call the garbage collector between measurements.
  memory: () => {
    spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(projectRoot, 'bench/cluster-memory.ts')], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(sections)) {
  const run = sections[name];
  if (!run) {
    console.error(`unknown bench section "${name}"; sections: ${Object.keys(sections).join(', ')}`);
    process.exit(2);
  }
  await run();
}
