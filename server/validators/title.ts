/** The short name of a check in the results, when its author gave it none. */
import type { Check } from '../../src/schemas/check.ts';
import { validatorFile } from '../../src/lib/labs/check-lint.ts';
import { pluralOf } from '../../src/lib/labs/kinds.ts';
import { clip, regex } from './text.ts';

function ns(namespace: string | undefined): string {
  return namespace && namespace !== 'default' ? ` in ${namespace}` : '';
}

export function checkTitle(check: Check): string {
  if (check.title) return check.title;
  if ('object' in check) return `${check.object.kind.toLowerCase()}/${check.object.name}${ns(check.object.namespace)}`;
  if ('absent' in check) {
    const a = check.absent;
    const what = a.name !== undefined ? `${a.kind.toLowerCase()}/${a.name}` : `${pluralOf(a.kind)}${a.selector ? ` with ${a.selector}` : ''}`;
    return `no ${what}${ns(a.namespace)}`;
  }
  if ('count' in check) return `number of ${pluralOf(check.count.kind)}${check.count.selector ? ` with ${check.count.selector}` : ''}${ns(check.count.namespace)}`;
  if ('command' in check) return `$ ${clip(check.command.run, 60)}`;
  if ('file' in check) return `~/${check.file.path}`;
  if ('ran' in check) return check.ran.kubectl !== undefined ? `ran kubectl ${check.ran.kubectl.replace(/^kubectl\s+/, '')}` : `ran ${regex(check.ran.shell ?? '')}`;
  return validatorFile(check.validator);
}
