import { describe, expect, it } from 'vitest';
import { checkLineNumbers, codeMetaTokens, parseCodeMeta, parseCodeMetaOption } from './code-meta.ts';

describe('parseCodeMeta', () => {
  it('reads steps, ranges, lists and all', () => {
    const { meta, problems } = parseCodeMeta('{1|3-4|1,3-5|all}');
    expect(problems).toEqual([]);
    expect(meta).toEqual({ groups: [[1], [3, 4], [1, 3, 4, 5], 'all'], lineNumbers: true, start: 1 });
  });

  it('reads a static highlight, line numbers and a title with spaces', () => {
    expect(parseCodeMeta('{2-3} ln=10 title="my ~/.kube/config"').meta).toEqual({
      groups: [[2, 3]],
      lineNumbers: true,
      start: 10,
      title: 'my ~/.kube/config',
    });
    expect(parseCodeMeta("ln title='a.yaml'").meta).toEqual({ groups: [], lineNumbers: true, start: 1, title: 'a.yaml' });
    expect(parseCodeMeta('title=app.ts').meta.title).toBe('app.ts');
  });

  it('allows spaces inside the braces', () => {
    expect(parseCodeMeta('{ 1, 3-4 | all }').meta.groups).toEqual([[1, 3, 4], 'all']);
  });

  it('asks for nothing without meta', () => {
    expect(parseCodeMeta(undefined)).toEqual({ meta: { groups: [], lineNumbers: false, start: 1 }, problems: [] });
  });

  it('names what is wrong and what to write', () => {
    expect(parseCodeMeta('{1|}').problems[0]).toContain('is not a line, a range or "all"');
    expect(parseCodeMeta('{5-3}').problems[0]).toContain('write 3-5');
    expect(parseCodeMeta('{1|2').problems[0]).toContain('no closing "}"');
    expect(parseCodeMeta('ln=x').problems[0]).toContain('write ln=10');
    expect(parseCodeMeta('title="open').problems[0]).toContain('no closing quote');
    expect(parseCodeMeta('{1} {2}').problems[0]).toContain('once, in a single {…}');
    expect(parseCodeMeta('showLineNumbers').problems[0]).toContain('unknown "showLineNumbers"');
  });
});

describe('codeMetaTokens and parseCodeMetaOption', () => {
  it('splits meta into options, keeping spaces inside braces and quotes', () => {
    expect(codeMetaTokens(`{1, 3 | all} ln=10 title="my file" title='a b' x`)).toEqual(['{1, 3 | all}', 'ln=10', 'title="my file"', "title='a b'", 'x']);
  });

  it('reads one option alone, telling a malformed option from no option at all', () => {
    expect(parseCodeMetaOption('title="my file"')).toEqual({ problems: [], unknown: false });
    expect(parseCodeMetaOption('ln=x')).toMatchObject({ problems: [expect.stringContaining('write ln=10')], unknown: false });
    expect(parseCodeMetaOption('{1|x}').unknown).toBe(false);
    expect(parseCodeMetaOption('linenos')).toMatchObject({ problems: [expect.stringContaining('unknown "linenos"')], unknown: true });
  });
});

describe('checkLineNumbers', () => {
  it('accepts lines of the block, counted from ln=', () => {
    expect(checkLineNumbers(parseCodeMeta('{10|11-12|all} ln=10').meta, 3)).toEqual([]);
  });

  it('names lines the block does not have', () => {
    expect(checkLineNumbers(parseCodeMeta('{1|5-6}').meta, 5)).toEqual(['line 6 is not in this code block, whose lines are numbered 1–5.']);
    expect(checkLineNumbers(parseCodeMeta('{1|2} ln=10').meta, 3)[0]).toContain('lines 1, 2 are not in this code block');
  });
});
