import { describe, expect, it } from 'vitest';
import { labPageData, type LabPageInput } from './page-data.ts';

const input: LabPageInput = {
  lab: { slug: 'deploy', title: 'Deploy', description: 'Run it.', duration: 90, deck: 'blocks' },
  steps: [
    { entryId: 'deploy/02-scale', title: 'Scale', hints: ['a', 'b'], showSolution: false, checks: [{}, {}] },
    { entryId: 'other/01-x', title: 'Other lab', hints: [], showSolution: true, checks: [{}] },
    { entryId: 'deploy/01-create', title: 'Create', hints: [], showSolution: true, checks: [{}] },
    { entryId: 'deploy/10-expose', title: 'Expose', hints: ['c'], showSolution: true, checks: [{}] },
  ],
  decks: [{ slug: 'blocks', title: 'Building blocks' }],
  labs: [
    { slug: 'later', title: 'Later', order: 30, draft: false },
    { slug: 'deploy', title: 'Deploy', order: 10, draft: false },
    { slug: 'hidden', title: 'Hidden', order: 20, draft: true },
  ],
};

describe('labPageData', () => {
  const page = labPageData(input);

  it('keeps the lab\'s own steps, in file order, numbered from 1', () => {
    expect(page.steps.map((s) => [s.number, s.id, s.title])).toEqual([
      [1, 'create', 'Create'],
      [2, 'scale', 'Scale'],
      [3, 'expose', 'Expose'],
    ]);
  });

  it('says what each step offers', () => {
    expect(page.steps[1]).toEqual({ id: 'scale', entryId: 'deploy/02-scale', number: 2, title: 'Scale', hintsTotal: 2, showSolution: false, checksTotal: 2, anchor: 'step-scale' });
  });

  it('links the deck and the next listed lab, skipping drafts', () => {
    expect(page.deck).toEqual({ title: 'Building blocks', href: '/slides/blocks/' });
    expect(page.next).toEqual({ title: 'Later', href: '/labs/later/' });
    expect(page.duration).toBe('1 h 30 min');
    expect(page.stepCount).toBe('3 steps');
  });

  it('has no next lab after the last, and no deck when it names none', () => {
    const last = labPageData({ ...input, lab: { slug: 'later', title: 'Later', description: '', duration: 5 } });
    expect(last.next).toBeUndefined();
    expect(last.deck).toBeUndefined();
  });
});
