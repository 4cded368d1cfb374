/** The text `podium check` prints for a played lab. */
import type { CheckResult } from '../../src/lib/labs/api.ts';
import type { PlayReport, PlayedStep } from './play.ts';

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

function checkLines(check: CheckResult, passedBefore: boolean): string[] {
  const mark = check.status === 'passed' ? '✓' : check.status === 'error' ? '!' : '✗';
  const lines = [`    ${mark} ${check.title}${passedBefore ? ' (already passed before the solution)' : ''}`];
  for (const r of check.results) {
    if (check.status === 'passed' && r.ok) continue;
    lines.push(`        ${r.ok ? '✓' : '✗'} ${r.subject}`);
    lines.push(`          expected: ${indent(r.expected, '                    ')}`);
    lines.push(`          seen:     ${indent(r.seen, '                    ')}`);
  }
  return lines;
}

function stepLines(step: PlayedStep, n: number): string[] {
  if (step.status === 'skipped') return [`- ${n} ${step.id}: skipped (an earlier step failed)`];
  const mark = step.status === 'passed' ? '✓' : '✗';
  const lines = [`${mark} ${n} ${step.id}: ${step.title} (${seconds(step.ms)})`];
  for (const c of step.commands) {
    lines.push(`    $ ${c.command}  → exit ${c.code}, ${seconds(c.ms)}`);
    if (c.code !== 0) lines.push(`      ${indent(c.output, '      ')}`);
  }
  step.checks.forEach((check, i) => lines.push(...checkLines(check, step.before[i]?.status === 'passed')));
  for (const p of step.problems) lines.push(`    problem: ${p}`);
  return lines;
}

export function formatPlayReport(report: PlayReport): string {
  const passed = report.steps.filter((s) => s.status === 'passed').length;
  return [
    `Lab ${report.lab}`,
    ...report.steps.flatMap((s, i) => stepLines(s, i + 1)),
    '',
    report.ok
      ? `All ${report.steps.length} steps pass with their solutions (${seconds(report.ms)}).`
      : `${passed} of ${report.steps.length} steps pass; the lab does not (${seconds(report.ms)}).`,
  ].join('\n');
}
