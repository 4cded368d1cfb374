import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseModel, type Model } from './parse-model.ts';

/** Where `@kubernetes/client-node` keeps its generated models. */
export function clientNodeModelsDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@kubernetes/client-node/package.json');
  return join(dirname(pkg), 'dist', 'gen', 'models');
}

/** Reads every model of the client (about 850; some 40 ms). */
export function readModels(dir: string = clientNodeModelsDir()): Map<string, Model> {
  const models = new Map<string, Model>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.d.ts')) continue;
    const name = file.slice(0, -'.d.ts'.length);
    if (name === 'all' || name === 'ObjectSerializer') continue;
    const js = readFileSync(join(dir, `${name}.js`), 'utf8');
    const dts = readFileSync(join(dir, file), 'utf8');
    models.set(name, parseModel(name, js, dts));
  }
  return models;
}
