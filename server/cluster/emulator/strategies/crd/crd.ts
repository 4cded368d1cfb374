/**
 * CustomResourceDefinitions (apiextensions.k8s.io/v1): names and conversion defaulted, stored versions
 * recorded, and the checks learners trip over: the `<plural>.<group>` name, scope, exactly one storage
 * version, a schema for every version, well-formed names.
 */
import type { Strategy } from '../../registry/strategy.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { child, isObj, list, objects, rec, str, type Json } from '../shared/json.ts';
import { isDNS1035Label, isDNS1123Subdomain } from '../shared/names.ts';

const SCOPES = ['Cluster', 'Namespaced'];

/** `%#v` of the versions slice is long; upstream prints it, here a compact stand-in with the version names. */
function versionsRepr(versions: Json[]): string {
  return `[]apiextensions.CustomResourceDefinitionVersion{${versions.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(str(v.name))}, Served:${v.served === true}, Storage:${v.storage === true}, …}`).join(', ')}}`;
}

function validateNames(names: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['plural', 'singular']) {
    const v = str(names[key]);
    if (v) {
      const msgs = isDNS1035Label(v);
      if (msgs.length > 0) errs.push(fe.invalid(`${field}.${key}`, v, msgs.join(',')));
    }
  }
  for (const key of ['kind', 'listKind']) {
    const v = str(names[key]);
    if (v) {
      const msgs = isDNS1035Label(v.toLowerCase());
      if (msgs.length > 0) errs.push(fe.invalid(`${field}.${key}`, v, `may have mixed case, but should otherwise match: ${msgs.join(',')}`));
    }
  }
  list(names.shortNames).forEach((s, i) => {
    const msgs = isDNS1035Label(str(s));
    if (msgs.length > 0) errs.push(fe.invalid(`${field}.shortNames[${i}]`, str(s), msgs.join(',')));
  });
  if (str(names.kind) && names.kind === names.listKind) errs.push(fe.invalid(`${field}.listKind`, str(names.listKind), 'kind and listKind may not be the same'));
  list(names.categories).forEach((c, i) => {
    const msgs = isDNS1035Label(str(c));
    if (msgs.length > 0) errs.push(fe.invalid(`${field}.categories[${i}]`, str(c), msgs.join(',')));
  });
  return errs;
}

function validateSpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const group = str(spec.group);
  if (!group) errs.push(fe.required('spec.group'));
  else {
    const msgs = isDNS1123Subdomain(group);
    if (msgs.length > 0) errs.push(fe.invalid('spec.group', group, msgs.join(',')));
    else if (group.split('.').length < 2) errs.push(fe.invalid('spec.group', group, 'should be a domain with at least one dot'));
  }
  const scope = str(spec.scope);
  if (!scope) errs.push(fe.required('spec.scope'));
  else if (!SCOPES.includes(scope)) errs.push(fe.notSupported('spec.scope', scope, SCOPES));
  const versions = objects(spec.versions);
  versions.forEach((v, i) => {
    if (!isObj(rec(v.schema).openAPIV3Schema)) errs.push(fe.required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
  });
  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    if (v.storage === true) storage++;
    const name = str(v.name);
    if (seen.has(name)) unique = false;
    seen.add(name);
    const msgs = isDNS1035Label(name);
    if (msgs.length > 0) errs.push(fe.invalid(`spec.versions[${i}].name`, name, msgs.join(',')));
  });
  if (!unique) errs.push(fe.invalidRaw('spec.versions', versionsRepr(versions), 'must contain unique version names'));
  if (storage !== 1) errs.push(fe.invalidRaw('spec.versions', versionsRepr(versions), 'must have exactly one version marked as storage version'));
  const names = rec(spec.names);
  for (const key of ['plural', 'singular', 'kind', 'listKind']) if (!str(names[key])) errs.push(fe.required(`spec.names.${key}`));
  errs.push(...validateNames(names, 'spec.names'));
  return errs;
}

export function crdStrategy(): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      const names = child(spec, 'names');
      if (!str(names.singular) && str(names.kind)) names.singular = str(names.kind).toLowerCase();
      if (!str(names.listKind) && str(names.kind)) names.listKind = `${str(names.kind)}List`;
      if (!isObj(spec.conversion)) spec.conversion = { strategy: 'None' };
      const webhook = rec(rec(rec(spec.conversion).webhook).clientConfig).service;
      if (isObj(webhook) && webhook.port === undefined) webhook.port = 443;
    },
    prepareForCreate(obj) {
      const storage = objects(rec(obj.spec).versions).find((v) => v.storage === true);
      obj.status = { acceptedNames: { kind: '', plural: '' }, storedVersions: storage ? [str(storage.name)] : [] };
    },
    validate(obj, old) {
      const spec = rec(obj.spec);
      const errs: FieldError[] = [];
      const name = obj.metadata.name ?? '';
      const required = `${str(rec(spec.names).plural)}.${str(spec.group)}`;
      if (name !== required) errs.push(fe.invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
      errs.push(...validateSpec(spec));
      if (old) {
        const before = rec(old.spec);
        if (str(before.group) !== str(spec.group)) errs.push(fe.invalid('spec.group', str(spec.group), 'field is immutable'));
        if (str(before.scope) !== str(spec.scope)) errs.push(fe.invalid('spec.scope', str(spec.scope), 'field is immutable'));
      }
      return errs;
    },
  };
}
