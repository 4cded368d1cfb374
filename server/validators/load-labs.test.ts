import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLab, loadLabs } from './load-labs.ts';

const root = mkdtempSync(path.join(tmpdir(), 'podium-labs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string) {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

write('slides/basics.mdx', '---\ntitle: t\n---\n');
write('labs/good/lab.mdx', '---\ntitle: Good\ndescription: A lab.\nduration: 10\ndeck: basics\n---\nIntro\n');
write('labs/good/steps/02-scale.mdx', '---\ntitle: Scale\nchecks:\n  - validator: validators/v.ts\n    message: m\nsolution: [kubectl scale deploy web --replicas=3]\n---\n');
write('labs/good/steps/01-create.mdx', '---\ntitle: Create\nchecks:\n  - object: { kind: Deployment, name: web }\n    message: m\nsolution: [kubectl create deploy web --image=nginx]\n---\n');
write('labs/good/validators/v.ts', 'export default async () => [];\n');
write('labs/bad/lab.mdx', '---\ntitle: Bad\ndescription: A lab.\nduration: 10\n---\n');
write('labs/bad/steps/01-create.mdx', '---\ntitle: Create\nchecks:\n  - count: { kind: Pods, selector: app=web }\n    message: m\nsolution: [x]\n---\n');

describe('loadLab', () => {
  it('reads a lab folder into its definition', () => {
    const r = loadLab(path.join(root, 'labs'), 'good', { root });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dir).toBe(path.join(root, 'labs/good'));
    expect(r.lab).toMatchObject({ name: 'good', dir: 'labs/good', deck: 'basics' });
    expect(r.lab.steps.map((s) => [s.id, s.file])).toEqual([
      ['create', 'labs/good/steps/01-create.mdx'],
      ['scale', 'labs/good/steps/02-scale.mdx'],
    ]);
  });

  it('names every mistake with file and line', () => {
    const r = loadLab(path.join(root, 'labs'), 'bad', { root });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain('labs/bad/steps/01-create.mdx:4:20: checks[0].count.kind: unknown kind "Pods"\n    did you mean `Pod`?');
    expect(r.message).toContain('labs/bad/steps/01-create.mdx:4:12: checks[0].count: count needs `equals`, `atLeast` or `atMost`');
  });

  it('says when there is no such lab, and loads them all', () => {
    expect(loadLab(path.join(root, 'labs'), 'nope', { root })).toMatchObject({ ok: false, message: 'labs/nope: there is no lab "nope"' });
    expect(loadLabs(path.join(root, 'labs'), { root }).map((l) => (l.ok ? l.lab.name : `!${l.name}`))).toEqual(['!bad', 'good']);
  });
});
