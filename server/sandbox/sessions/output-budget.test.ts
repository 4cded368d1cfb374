import { describe, expect, it } from 'vitest';
import { OutputBudget } from './output-budget.ts';

describe('OutputBudget', () => {
  it('lets a burst through, then asks for a pause proportional to the overdraft', () => {
    const budget = new OutputBudget({ perSecond: 1000, burst: 500 });
    expect(budget.take(500, 0)).toBe(0);
    expect(budget.take(100, 0)).toBe(100);
    // 100 ms later the overdraft is paid back.
    expect(budget.take(0, 100)).toBe(0);
  });

  it('refills up to the burst only', () => {
    const budget = new OutputBudget({ perSecond: 1000, burst: 500 });
    budget.take(500, 0);
    expect(budget.take(500, 60_000)).toBe(0);
    expect(budget.take(1, 60_000)).toBe(1);
  });
});
