#!/usr/bin/env node
// Regenerates the Go facts the emulator needs beyond @kubernetes/client-node, from checkouts of the
// Kubernetes type sources of one release (e.g. branch release-1.32):
//
//   node server/cluster/emulator/openapi/tools/extract-go-facts.mjs <k8s.io/api> <k8s.io/apimachinery> <k8s.io/apiextensions-apiserver>
//
// Writes openapi/data/go-facts-1.32.json (fields per struct: pointer, omitempty, +optional, protobuf
// name, inlined structs, Quantities, +enum values) and patch/merge-keys.ts (patchStrategy/patchMergeKey
// tags and +listType/+listMapKey/+mapType/+structType markers). Only struct declarations, their tags and
// marker comments are read; the Go sources themselves are not copied.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [apiDir, machineryDir, apiextDir] = process.argv.slice(2);
if (!apiDir || !machineryDir || !apiextDir) {
  console.error('usage: extract-go-facts.mjs <k8s.io/api dir> <k8s.io/apimachinery dir> <k8s.io/apiextensions-apiserver dir>');
  process.exit(2);
}

/** Packages whose facts are kept (served group-versions and what they reference). */
const INCLUDE = [
  'io.k8s.apimachinery.pkg.apis.meta.v1', 'io.k8s.apimachinery.pkg.runtime', 'io.k8s.apimachinery.pkg.version',
  'io.k8s.api.core.v1', 'io.k8s.api.apps.v1', 'io.k8s.api.batch.v1', 'io.k8s.api.autoscaling.v1', 'io.k8s.api.autoscaling.v2',
  'io.k8s.api.networking.v1', 'io.k8s.api.policy.v1', 'io.k8s.api.rbac.v1', 'io.k8s.api.storage.v1', 'io.k8s.api.scheduling.v1',
  'io.k8s.api.coordination.v1', 'io.k8s.api.discovery.v1', 'io.k8s.api.events.v1', 'io.k8s.api.authentication.v1', 'io.k8s.api.authorization.v1',
  'io.k8s.api.admissionregistration.v1', 'io.k8s.api.certificates.v1', 'io.k8s.api.flowcontrol.v1', 'io.k8s.api.node.v1',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
];
/** Types with their own JSON form: described by hand in special-schemas.ts and protobuf/to-json.ts. */
const SPECIAL = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'intorstring',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'microtime',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Duration': 'duration',
  'io.k8s.apimachinery.pkg.runtime.RawExtension': 'raw',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'fieldsv1',
};
const SKIP = new Set([...Object.keys(SPECIAL), 'io.k8s.apimachinery.pkg.runtime.Unknown', 'io.k8s.apimachinery.pkg.runtime.TypeMeta']);
const BUILTINS = new Set(['string', 'bool', 'int', 'int32', 'int64', 'float64', 'float32', 'byte', 'uint64', 'uint32', 'uint8']);

// ---- read packages ----
const packages = [];
function addPackage(dir, importPath, schemaPrefix) {
  if (!fs.existsSync(dir)) return;
  const texts = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !/generated|^zz_/.test(f))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  packages.push(parsePackage(texts, importPath, schemaPrefix));
}
for (const group of fs.readdirSync(apiDir)) {
  const g = path.join(apiDir, group);
  if (!fs.statSync(g).isDirectory()) continue;
  for (const version of fs.readdirSync(g)) {
    if (fs.existsSync(path.join(g, version, 'types.go'))) addPackage(path.join(g, version), `k8s.io/api/${group}/${version}`, `io.k8s.api.${group}.${version}`);
  }
}
for (const [sub, prefix] of [
  ['pkg/apis/meta/v1', 'io.k8s.apimachinery.pkg.apis.meta.v1'],
  ['pkg/runtime', 'io.k8s.apimachinery.pkg.runtime'],
  ['pkg/util/intstr', 'io.k8s.apimachinery.pkg.util.intstr'],
  ['pkg/api/resource', 'io.k8s.apimachinery.pkg.api.resource'],
  ['pkg/version', 'io.k8s.apimachinery.pkg.version'],
]) addPackage(path.join(machineryDir, sub), `k8s.io/apimachinery/${sub}`, prefix);
addPackage(path.join(apiextDir, 'pkg/apis/apiextensions/v1'), 'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1', 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1');
const byImport = new Map(packages.map((p) => [p.importPath, p]));

/** Struct declarations (fields with tags and marker comments), named types with markers, string constants. */
function parsePackage(texts, importPath, schemaPrefix) {
  const pkg = { importPath, schemaPrefix, types: new Map(), consts: [], imports: new Map() };
  for (const text of texts) {
    const block = /import \(([\s\S]*?)\)/.exec(text)?.[1] ?? '';
    const singles = [...text.matchAll(/^import\s+((?:\w+\s+)?"[^"]+")/gm)].map((m) => m[1]);
    for (const line of [...block.split('\n'), ...singles]) {
      const m = /^\s*(\w+\s+)?"([^"]+)"/.exec(line);
      if (m) pkg.imports.set(m[1]?.trim() ?? m[2].split('/').pop(), m[2]);
    }
    const lines = text.split('\n');
    let comments = [];
    let inConst = false;
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i].trim();
      if (t.startsWith('//')) {
        comments.push(t);
        continue;
      }
      if (t === 'const (') {
        inConst = true;
        comments = [];
        continue;
      }
      if (inConst) {
        if (t === ')') inConst = false;
        // Only explicitly typed constants belong to an enum type.
        const m = /^(\w+)\s+(\w+)\s*=\s*"([^"]*)"/.exec(t);
        if (m) pkg.consts.push({ type: m[2], value: m[3] });
        comments = [];
        continue;
      }
      const single = /^const (\w+)\s+(\w+)\s*=\s*"([^"]*)"/.exec(t);
      if (single) pkg.consts.push({ type: single[2], value: single[3] });
      const struct = /^type (\w+) struct \{$/.exec(t);
      if (struct) {
        const fields = [];
        let fieldComments = [];
        for (i++; i < lines.length && lines[i].trim() !== '}'; i++) {
          const fl = lines[i].trim();
          if (fl.startsWith('//')) {
            fieldComments.push(fl);
            continue;
          }
          const m = /^(\w+)?\s*([^`]+?)\s*`([^`]*)`/.exec(fl);
          if (m) {
            const tags = Object.fromEntries([...m[3].matchAll(/(\w+):"([^"]*)"/g)].map((x) => [x[1], x[2]]));
            let [name, type] = [m[1], m[2].trim()];
            if (!type) [name, type] = [undefined, name];
            if (/^\.\w+$/.test(type)) [name, type] = [undefined, name + type];
            fields.push({ name, type, tags, markers: fieldComments.filter((c) => c.startsWith('// +')) });
          }
          fieldComments = [];
        }
        pkg.types.set(struct[1], { kind: 'struct', markers: comments.filter((c) => c.startsWith('// +')), fields });
      } else {
        const alias = /^type (\w+) (.+)$/.exec(t);
        if (alias && !/^(interface|func)/.test(alias[2])) {
          pkg.types.set(alias[1], { kind: 'alias', def: alias[2].replace(/\s*\/\/.*$/, '').trim(), markers: comments.filter((c) => c.startsWith('// +')) });
        }
      }
      comments = [];
    }
  }
  return pkg;
}

/** Shape of a Go type expression: scalar, bytes, list, map, struct (by schema name) or special. */
function classify(pkg, expr) {
  let pointer = false;
  if (expr.startsWith('*')) [pointer, expr] = [true, expr.slice(1)];
  if (expr === '[]byte') return { shape: 'bytes', pointer };
  if (expr.startsWith('[]')) return { shape: 'list', pointer, elem: classify(pkg, expr.slice(2)) };
  const map = /^map\[[^\]]+\](.+)$/.exec(expr);
  if (map) return { shape: 'map', pointer, elem: classify(pkg, map[1]) };
  const named = /^(?:(\w+)\.)?(\w+)$/.exec(expr);
  if (!named) return { shape: 'unknown', pointer };
  if (!named[1] && BUILTINS.has(named[2])) return { shape: 'scalar', pointer };
  const importPath = named[1] ? pkg.imports.get(named[1]) : pkg.importPath;
  if (importPath === 'k8s.io/apimachinery/pkg/types') return { shape: 'scalar', pointer };
  const target = byImport.get(importPath);
  if (!target) return { shape: 'unknown', pointer };
  const full = `${target.schemaPrefix}.${named[2]}`;
  if (SPECIAL[full]) return { shape: 'special', special: SPECIAL[full], ref: full, pointer };
  const decl = target.types.get(named[2]);
  if (!decl) return { shape: 'unknown', pointer };
  if (decl.kind === 'struct') return { shape: 'struct', ref: full, pointer };
  const inner = classify(target, decl.def);
  const enumValues = decl.markers.includes('// +enum') ? [...new Set(target.consts.filter((c) => c.type === named[2]).map((c) => c.value))].sort() : undefined;
  const mapType = decl.markers.find((m) => m.startsWith('// +mapType='))?.split('=')[1];
  return { ...inner, pointer: pointer || inner.pointer, enumValues, mapType };
}

// ---- facts ----
const facts = {};
const meta = {};
const marker = (f, key) => f.markers.find((m) => m.startsWith(`// +${key}=`))?.split('=')[1];
for (const pkg of packages) {
  if (!INCLUDE.includes(pkg.schemaPrefix)) continue;
  for (const [name, decl] of [...pkg.types].sort(([a], [b]) => a.localeCompare(b))) {
    const full = `${pkg.schemaPrefix}.${name}`;
    if (decl.kind !== 'struct' || SKIP.has(full)) continue;
    const entries = [];
    const fieldMeta = {};
    const typeAtomic = decl.markers.find((m) => m.startsWith('// +structType='))?.split('=')[1];
    if (typeAtomic) fieldMeta['.'] = { structType: typeAtomic };
    for (const f of decl.fields) {
      if (f.tags.json === undefined || f.tags.json === '-') continue;
      const [json, ...opts] = f.tags.json.split(',');
      const proto = /name=(\w+)/.exec(f.tags.protobuf ?? '')?.[1];
      const c = classify(pkg, f.type);
      if (opts.includes('inline')) {
        if (c.shape !== 'struct' || c.ref === 'io.k8s.apimachinery.pkg.apis.meta.v1.TypeMeta') continue;
        entries.push(`${proto ? `=${proto}` : ''}^${c.ref}`);
        fieldMeta[`^${c.ref}`] = true;
        continue;
      }
      if ((json === 'apiVersion' || json === 'kind') && c.shape === 'scalar' && !proto) continue;
      const omitempty = opts.includes('omitempty');
      let e = json + (c.pointer ? '*' : '') + (omitempty ? '' : '!') + (!omitempty && f.markers.includes('// +optional') ? '?' : '');
      if (proto && proto !== json) e += `=${proto}`;
      const isQ = (x) => x?.shape === 'special' && x.special === 'quantity';
      if (isQ(c)) e += '@Q';
      else if (c.shape === 'map' && isQ(c.elem)) e += '@QM';
      else if (c.shape === 'list' && isQ(c.elem)) e += '@QL';
      if (c.enumValues && c.shape === 'scalar') {
        if (c.enumValues.some((v) => /[|{}]/.test(v))) throw new Error(`enum value of ${full}.${json} cannot be written`);
        e += `{${c.enumValues.join('|')}}`;
      }
      entries.push(e);
      const m = {};
      if (f.tags.patchStrategy) m.strategy = f.tags.patchStrategy;
      if (f.tags.patchMergeKey) m.mergeKey = f.tags.patchMergeKey;
      const listType = marker(f, 'listType');
      if (listType && listType !== 'atomic') m.listType = listType;
      const keys = f.markers.filter((x) => x.startsWith('// +listMapKey=')).map((x) => x.split('=')[1]);
      if (keys.length) m.listMapKeys = keys;
      const mapType = marker(f, 'mapType') ?? (c.shape === 'map' ? c.mapType : undefined);
      if (mapType) m.mapType = mapType;
      const structType = marker(f, 'structType');
      if (structType) m.structType = structType;
      if (Object.keys(m).length) fieldMeta[json] = m;
    }
    facts[full] = entries;
    meta[full] = fieldMeta;
  }
}

/** Patch metadata of a struct with that of its inlined structs merged in. */
function flatMeta(name, seen = new Set()) {
  if (seen.has(name)) return {};
  seen.add(name);
  const out = {};
  for (const [k, v] of Object.entries(meta[name] ?? {})) {
    if (k.startsWith('^')) Object.assign(out, Object.fromEntries(Object.entries(flatMeta(k.slice(1), seen)).filter(([kk]) => kk !== '.')));
    else out[k] = v;
  }
  return out;
}

const lines = [];
for (const name of Object.keys(facts)) {
  const m = flatMeta(name);
  const entries = Object.entries(m);
  if (!entries.length) continue;
  lines.push(`  '${name}': {`);
  for (const [k, v] of entries) {
    const parts = [];
    if (v.strategy) parts.push(`strategy: '${v.strategy}'`);
    if (v.mergeKey) parts.push(`mergeKey: '${v.mergeKey}'`);
    if (v.listType) parts.push(`listType: '${v.listType}'`);
    if (v.listMapKeys) parts.push(`listMapKeys: [${v.listMapKeys.map((x) => `'${x}'`).join(', ')}]`);
    if (v.mapType) parts.push(`mapType: '${v.mapType}'`);
    if (v.structType) parts.push(`structType: '${v.structType}'`);
    lines.push(`    ${/^[A-Za-z_]\w*$/.test(k) ? k : `'${k}'`}: { ${parts.join(', ')} },`);
  }
  lines.push('  },');
}

const mergeKeysFile = path.resolve(here, '../../patch/merge-keys.ts');
const current = fs.readFileSync(mergeKeysFile, 'utf8');
const start = current.indexOf('export const patchMetadata');
const open = current.indexOf('{\n', start) + 2;
const close = current.indexOf('\n};\n', open);
fs.writeFileSync(mergeKeysFile, current.slice(0, open) + lines.join('\n') + current.slice(close));
fs.writeFileSync(path.resolve(here, '../data/go-facts-1.32.json'), JSON.stringify(facts));
console.log(`${Object.keys(facts).length} structs; ${lines.length} lines of patch metadata`);
