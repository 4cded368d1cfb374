import type { FieldError } from '../meta/errors.ts';
import type { ResourceDef } from '../registry/types.ts';

const subdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Re = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

type Rule = 'subdomain' | 'label' | 'dns1035' | 'path';

/** Which naming rule a type's names follow, as upstream's per-type ValidateXName functions choose. */
function ruleFor(def: ResourceDef): Rule {
  if (def.group === '' && def.resource === 'services') return 'dns1035';
  if (def.group === '' && def.resource === 'namespaces') return 'label';
  if (def.group === 'rbac.authorization.k8s.io') return 'path';
  if (def.group === 'authorization.k8s.io' || def.group === 'authentication.k8s.io') return 'path';
  return 'subdomain';
}

/** Problems with `metadata.name`, worded as kube-apiserver words them. */
export function validateObjectName(def: ResourceDef, name: string): FieldError[] {
  const rule = ruleFor(def);
  if (rule === 'path') {
    if (def.group === 'authorization.k8s.io' || def.group === 'authentication.k8s.io') return [];
    if (name === '.' || name === '..') return [invalid(name, `may not be '${name}'`)];
    const bad = ['/', '%'].find((c) => name.includes(c));
    return bad ? [invalid(name, `may not contain '${bad}'`)] : [];
  }
  const problems: string[] = [];
  if (rule === 'subdomain') {
    if (name.length > 253) problems.push('must be no more than 253 characters');
    if (!subdomainRe.test(name)) problems.push(SUBDOMAIN);
  } else {
    if (name.length > 63) problems.push('must be no more than 63 characters');
    if (!(rule === 'label' ? labelRe : dns1035Re).test(name)) problems.push(rule === 'label' ? LABEL : DNS1035);
  }
  return problems.map((p) => invalid(name, p));
}

function invalid(name: string, detail: string): FieldError {
  return { field: 'metadata.name', reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(name)}: ${detail}` };
}
