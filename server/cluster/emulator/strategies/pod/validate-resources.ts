/** Container resource requirements, as core validation's `ValidateResourceRequirements` checks them. */
import { fe, path, type FieldError } from '../shared/errors.ts';
import { rec } from '../shared/json.ts';
import { isQualifiedName } from '../shared/names.ts';
import { compareQuantity, parseQuantity, quantityString, signOf, type Quantity } from '../shared/quantity.ts';

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory',
  'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'persistentvolumeclaims',
  'configmaps', 'services.nodeports', 'services.loadbalancers', 'requests.storage', 'storage',
]);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** Extended resources (`example.com/gpu`) and hugepages cannot be overcommitted. */
export const isOvercommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

function validateResourceName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fe.invalid(field, name, m));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
    return [fe.invalid(field, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

function validateContainerResourceName(name: string, field: string): FieldError[] {
  const errs = validateResourceName(name, field);
  if (!name.includes('/')) {
    if (!CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(fe.invalid(field, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && name.startsWith('requests.')) {
    errs.push(fe.invalid(field, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function validateQuantityValue(name: string, q: Quantity, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (signOf(q) < 0) errs.push(fe.invalid(field, quantityString(q), 'must be greater than or equal to 0'));
  const integerResource = !isNative(name) || name === 'pods';
  if (integerResource && (q.scale < 0 ? q.mant % 10n ** BigInt(-q.scale) !== 0n : false)) {
    errs.push(fe.invalidRaw(field, quantityString(q), 'must be an integer'));
  }
  return errs;
}

export function validateResourceRequirements(resources: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const r = rec(resources);
  const limPath = path.child(field, 'limits');
  const reqPath = path.child(field, 'requests');
  const limits = rec(r.limits);
  const requests = rec(r.requests);
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, value] of Object.entries(limits)) {
    const p = path.key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantity(value);
    if (q) errs.push(...validateQuantityValue(name, q, p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, value] of Object.entries(requests)) {
    const p = path.key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantity(value);
    if (q) errs.push(...validateQuantityValue(name, q, p));
    const limit = parseQuantity(limits[name]);
    if (q && limit) {
      const c = compareQuantity(q, limit);
      if (c !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fe.invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(limit)}`));
      } else if (c > 0) {
        errs.push(fe.invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(limit)}`));
      }
    } else if (!(name in limits) && !isOvercommitAllowed(name)) {
      errs.push(fe.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(fe.forbidden(field, 'HugePages require cpu or memory'));
  return errs;
}
