import { describe, expect, it } from 'vitest';
import { fenceOpen, hugoMeta, podiumFenceOpen } from './fences.ts';

const convert = (line: string, lines = 20) => {
  const dropped: string[] = [];
  const why: (string | undefined)[] = [];
  const open = fenceOpen(line);
  if (!open) throw new Error(`not a fence: ${line}`);
  const opening = podiumFenceOpen(open, lines, (meta, reason) => {
    dropped.push(meta);
    why.push(reason);
  });
  return { line: opening, dropped, why };
};

describe('code fence openings', () => {
  it('drops the trailing space of "``` "', () => {
    expect(convert('``` ').line).toBe('```');
  });

  it('turns reveal.js line steps into Podium meta, counting from ln', () => {
    expect(convert('```yaml [1|3-4]').line).toBe('```yaml {1|3-4}');
    expect(convert('```js [10: 2|3]').line).toBe('```js {11|12} ln=10');
    expect(convert('```js []').line).toBe('```js ln');
  });

  it('turns Hugo highlight attributes into Podium meta', () => {
    expect(convert('```go {linenos=table,hl_lines=[2,"4-5"],linenostart=10}').line).toBe('```go {11,13-14} ln=10');
    expect(hugoMeta('linenos=table')).toEqual(['ln']);
  });

  it('leaves out meta Podium would reject, and says so', () => {
    expect(convert('```bash weird')).toEqual({ line: '```bash', dropped: ['weird'], why: [undefined] });
    expect(convert('```js [1|9]', 3)).toMatchObject({ line: '```js', dropped: ['{1|9}'], why: [expect.stringContaining('line 9 is not in this code block')] });
  });

  it('keeps Podium meta as the deck reads it: quoted titles with spaces too', () => {
    expect(convert('```yaml {1|3} title="my file"').line).toBe('```yaml {1|3} title="my file"');
    expect(convert("```js title='app config.js' ln=5").line).toBe("```js title='app config.js' ln=5");
    expect(convert('```python [1|2] title="two words"').line).toBe('```python {1|2} title="two words"');
  });

  it('says why a Podium option is malformed', () => {
    expect(convert('```bash ln=x title="open')).toMatchObject({
      line: '```bash',
      dropped: ['ln=x', 'title="open'],
      why: [expect.stringContaining('write ln=10'), expect.stringContaining('no closing quote')],
    });
  });

  it('knows fences in blockquotes, and that backtick info has no backticks', () => {
    expect(fenceOpen('> ```yaml')).toMatchObject({ indent: '> ', marker: '```', info: 'yaml' });
    expect(fenceOpen('```a`b')).toBeUndefined();
  });
});
