import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDecks, checkLabs } from './validate-content.ts';

let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), 'podium-content-'));
  mkdirSync(path.join(root, 'slides'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, 'slides', name), text);
  return root;
}

describe('checkDecks', () => {
  it('names file, line and field of a bad frontmatter field', () => {
    const dir = project({
      'ok.mdx': '---\ntitle: A\ndescription: B\nduration: 5\n---\n# A\n',
      'bad.mdx': '---\ntitle: A\ndescription: B\nduration: 5\ntheme: neon\n---\n# A\n',
    });
    const [problem, ...rest] = checkDecks(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^slides\/bad\.mdx:5:8: theme: Invalid enum value\. Expected 'dark' \| 'light', received 'neon'/);
    expect(problem).toContain('`dark` for dim rooms');
  });

  it('is silent when there is no slides folder', () => {
    root = mkdtempSync(path.join(tmpdir(), 'podium-content-'));
    expect(checkDecks(root)).toEqual([]);
  });
});

describe('checkLabs', () => {
  const fixtures = 'src/integrations/fixtures';
  const slides = path.join(fixtures, 'slides');
  const cwd = process.cwd();
  const broken = () => checkLabs(cwd, `${fixtures}/labs-broken`, slides);
  const at = (needle: string) => broken().find((p) => p.includes(needle)) ?? `nothing mentions ${needle}`;
  const lab = `${fixtures}/labs-broken/broken-lab`;

  it('accepts a good lab', () => {
    expect(checkLabs(cwd, `${fixtures}/labs-good`, slides)).toEqual([]);
  });

  it('is silent when there is no labs folder', () => {
    expect(checkLabs(cwd, `${fixtures}/no-such-folder`, slides)).toEqual([]);
  });

  it('names an unknown field of a lab', () => {
    expect(at('"duraton"')).toMatch(new RegExp(`^${lab}/lab\\.mdx:5:1: unknown field "duraton"\\n    did you mean \`duration\`\\?`));
  });

  it('points inside a check at the misspelt field and lists that check\'s fields', () => {
    expect(at('namspace')).toBe(
      `${lab}/steps/01-create.mdx:7:7: checks[0].object: unknown field "namspace"\n` +
        '    did you mean `namespace`? Known fields: kind, apiVersion, namespace, cluster, name, where',
    );
  });

  it('places a condition without a comparison on its list item', () => {
    expect(at('needs a comparison')).toMatch(new RegExp(`^${lab}/steps/01-create\\.mdx:9:11: checks\\[0\\]\\.object\\.where\\[0\\]: `));
    expect(at('needs a comparison')).toContain('equals: 3');
  });

  it('reports a missing message at the check that lacks it', () => {
    expect(at('checks[1].message')).toMatch(new RegExp(`^${lab}/steps/01-create\\.mdx:11:5: missing required field "checks\\[1\\]\\.message"`));
  });

  it('says how to start a check without a kind', () => {
    expect(at('a check needs one of')).toMatch(new RegExp(`^${lab}/steps/03-create\\.mdx:6:5: checks\\[1\\]: `));
    expect(at('a check needs one of')).toContain('ran: { shell:');
  });

  it('requires files named by setup and validators to exist in the lab folder', () => {
    expect(at('missing.yaml')).toMatch(new RegExp(`^${lab}/lab\\.mdx:10:7: setup\\.objects\\[1\\]: there is no file "setup/missing\\.yaml"`));
    expect(at('missing.yaml')).toContain('files in the lab folder: files/web.yaml, setup/namespace.yaml');
    expect(at('web.yml')).toMatch(/lab\.mdx:12:15: setup\.files\[0\]\.from: there is no file "files\/web\.yml"[^\n]*\n {4}did you mean `files\/web\.yaml`\?/);
    expect(at('secrets.txt')).toMatch(/lab\.mdx:13:13: setup\.files\[1\]\.from: "\.\.\/\.\.\/secrets\.txt" is outside the lab folder/);
    expect(at('validators/missing.ts')).toMatch(/steps\/03-create\.mdx:4:16: checks\[0\]\.validator: there is no file/);
  });

  it('requires the deck to exist', () => {
    expect(at('kubernetes-basic"')).toMatch(/lab\.mdx:6:7: deck: there is no deck "kubernetes-basic"[^\n]*\n {4}did you mean `deck: kubernetes-basics`\?/);
  });

  it('requires step files named NN-<id>.mdx and unique ids', () => {
    expect(at('2-Scale up.mdx')).toMatch(/steps\/2-Scale up\.mdx:1:1: a step file is named NN-<id>\.mdx[^\n]*\n {4}rename it to `02-scale-up\.mdx`/);
    expect(at('used twice')).toMatch(/steps\/03-create\.mdx:1:1: step id "create" is used twice: 01-create\.mdx and 03-create\.mdx/);
  });

  it('finds every mistake, and nothing else', () => {
    expect(broken()).toHaveLength(12);
  });
});
