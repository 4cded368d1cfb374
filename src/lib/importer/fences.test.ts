import { describe, expect, it } from 'vitest';
import { fenceOpen, hugoMeta, podiumFenceOpen } from './fences.ts';

const convert = (line: string, lines = 20) => {
  const dropped: string[] = [];
  const open = fenceOpen(line);
  if (!open) throw new Error(`not a fence: ${line}`);
  return { line: podiumFenceOpen(open, lines, (meta) => dropped.push(meta)), dropped };
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
    expect(convert('```bash weird')).toEqual({ line: '```bash', dropped: ['weird'] });
    expect(convert('```js [1|9]', 3)).toEqual({ line: '```js', dropped: ['{1|9}'] });
  });

  it('knows fences in blockquotes, and that backtick info has no backticks', () => {
    expect(fenceOpen('> ```yaml')).toMatchObject({ indent: '> ', marker: '```', info: 'yaml' });
    expect(fenceOpen('```a`b')).toBeUndefined();
  });
});
