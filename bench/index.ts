import { projectRoot } from '../server/config.ts';
import { benchSite } from './site.ts';

/** `npm run bench [section…]`: reports numbers; never passes or fails on time. */
const sections: Record<string, () => void | Promise<void>> = {
  site: () => benchSite(projectRoot),
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
