import { describe, expect, it } from 'vitest';
import { formatLabIssues, parseLabDefinition, stepIdOf, type LabFolder } from './definition.ts';

const labMdx = `---
title: Deploy and scale
description: Run nginx and scale it.
duration: 20
---

Intro.
`;

function step(name: string, frontmatter: string): { name: string; source: string } {
  return { name, source: `---\n${frontmatter.trim()}\n---\n\nDo it.\n` };
}

const create = step(
  '01-create-deployment.mdx',
  `
title: Create the deployment
checks:
  - object:
      kind: Deployment
      name: web
    message: Create it.
solution:
  - kubectl create deployment web --image=nginx
`,
);

const scale = step(
  '02-scale.mdx',
  `
title: Scale
checks:
  - object:
      kind: Deployment
      name: web
      where:
        - { path: spec.replicas, equals: 3 }
    message: Scale it.
  - ran: { kubectl: scale }
    message: Use kubectl scale.
solution:
  - kubectl scale deployment web --replicas=3
`,
);

function folder(steps: { name: string; source: string }[], files: string[] = []): LabFolder {
  return { dir: 'labs/demo', lab: labMdx, steps, files: ['lab.mdx', 'steps', ...steps.map((s) => `steps/${s.name}`), ...files] };
}

describe('parseLabDefinition', () => {
  it('returns the lab with its steps sorted by file name, ids from the names', () => {
    const r = parseLabDefinition('demo', folder([scale, create]), { decks: [] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lab).toMatchObject({ name: 'demo', dir: 'labs/demo', title: 'Deploy and scale', duration: 20, order: 100 });
    expect(r.lab.setup.clusters.map((c) => c.name)).toEqual(['workshop']);
    expect(r.lab.steps.map((s) => s.id)).toEqual(['create-deployment', 'scale']);
    expect(r.lab.steps[1]).toMatchObject({ file: 'labs/demo/steps/02-scale.mdx', showSolution: true, hints: [] });
    expect(r.lab.steps[1]?.checks[0]).toEqual({ object: { kind: 'Deployment', name: 'web', where: [{ path: 'spec.replicas', equals: 3 }] }, message: 'Scale it.' });
  });

  it('refuses what the build refuses, with file and line', () => {
    const bad = { ...scale, source: scale.source.replace('name: web\n      where', 'namspace: shop\n      name: web\n      where') };
    const r = parseLabDefinition('demo', folder([create, bad]), { decks: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatLabIssues(r.issues)).toMatch(/^labs\/demo\/steps\/02-scale\.mdx:6:7: .*unknown field "namspace"\n    did you mean `namespace`\?/);
  });

  it('reports what the schemas cannot see, at the field', () => {
    const bad = step(
      '03-broken.mdx',
      `
title: Broken
checks:
  - object:
      kind: Deploymnet
      name: web
      cluster: prod
      where:
        - { path: "spec..replicas", equals: 3 }
        - { path: spec.image, matches: "nginx(" }
    message: m
  - count: { kind: Pod, selector: "app:web" }
    message: m
  - ran: { shell: "kubectl (get" }
    message: m
solution: [ "true" ]
`,
    );
    const r = parseLabDefinition('demo', folder([create, bad]), { decks: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = formatLabIssues(r.issues);
    expect(text).toContain('03-broken.mdx:5:13: checks[0].object.kind: unknown kind "Deploymnet"\n    did you mean `Deployment`?');
    expect(text).toContain('03-broken.mdx:7:16: checks[0].object.cluster: the lab has no cluster "prod"\n    its clusters (setup.clusters): workshop');
    expect(text).toContain('03-broken.mdx:9:19: checks[0].object.where[0].path: empty field name at position 6 in path "spec..replicas"');
    expect(text).toContain('03-broken.mdx:10:40: checks[0].object.where[1].matches: not a valid regular expression');
    expect(text).toContain('03-broken.mdx:12:35: checks[1].count.selector: "app:web" is not a requirement');
    expect(text).toContain('03-broken.mdx:12:12: checks[1].count: count needs `equals`, `atLeast` or `atMost`');
    expect(text).toContain('03-broken.mdx:14:19: checks[2].ran.shell: not a valid regular expression');
  });

  it('accepts a custom resource with its apiVersion, and a kind in any case', () => {
    const crd = step(
      '02-crd.mdx',
      `
title: A widget
checks:
  - object: { kind: Widget, apiVersion: example.com/v1, name: w }
    message: m
  - absent: { kind: pod, selector: app=old }
    message: m
  - count: { kind: Pod, selector: "app=web", atLeast: 2 }
    message: m
solution: [ "true" ]
`,
    );
    expect(parseLabDefinition('demo', folder([create, crd]), { decks: [] }).ok).toBe(true);
  });

  it('rejects a lab without steps', () => {
    const r = parseLabDefinition('demo', folder([]), { decks: [] });
    expect(!r.ok && r.issues[0]?.message).toBe('the lab has no steps');
  });
});

describe('stepIdOf', () => {
  it('takes the part after the number', () => {
    expect(stepIdOf('01-create-deployment.mdx')).toBe('create-deployment');
    expect(stepIdOf('10-x.mdx')).toBe('x');
    expect(stepIdOf('create.mdx')).toBeUndefined();
  });
});
