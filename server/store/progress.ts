import type { CheckResult, LabState, StepStatus } from '../../src/lib/labs/api.ts';
import type { Db } from './database.ts';

export type LabPhase = LabState['phase'];

export interface LabProgress {
  phase: LabPhase;
  error: string | null;
  startedAt: number | null;
  completedAt: number | null;
}

export interface StepProgress {
  step: string;
  status: StepStatus;
  hintsShown: number;
  solutionShown: boolean;
  results: CheckResult[];
  checkedAt: number | null;
  completedAt: number | null;
}

/** Each learner's progress through each lab: the lab's phase and every step's last results. */
export class Progress {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      lab: db.prepare('SELECT phase, error, started_at AS startedAt, completed_at AS completedAt FROM lab_progress WHERE learner = ? AND lab = ?'),
      setLab: db.prepare(
        `INSERT INTO lab_progress (learner, lab, phase, error, started_at, completed_at) VALUES (@learner, @lab, @phase, @error, @startedAt, @completedAt)
         ON CONFLICT (learner, lab) DO UPDATE SET phase = excluded.phase, error = excluded.error,
           started_at = COALESCE(lab_progress.started_at, excluded.started_at), completed_at = excluded.completed_at`,
      ),
      steps: db.prepare(
        `SELECT step, status, hints_shown AS hintsShown, solution_shown AS solutionShown, results, checked_at AS checkedAt, completed_at AS completedAt
         FROM step_progress WHERE learner = ? AND lab = ?`,
      ),
      setStep: db.prepare(
        `INSERT INTO step_progress (learner, lab, step, status, hints_shown, solution_shown, results, checked_at, completed_at)
         VALUES (@learner, @lab, @step, @status, @hintsShown, @solutionShown, @results, @checkedAt, @completedAt)
         ON CONFLICT (learner, lab, step) DO UPDATE SET status = excluded.status, hints_shown = excluded.hints_shown,
           solution_shown = excluded.solution_shown, results = excluded.results, checked_at = excluded.checked_at,
           completed_at = excluded.completed_at`,
      ),
      forLearner: db.prepare('SELECT lab, phase FROM lab_progress WHERE learner = ?'),
    };
  }

  lab(learner: string, lab: string): LabProgress | undefined {
    return this.stmts.lab.get(learner, lab) as LabProgress | undefined;
  }

  setLab(learner: string, lab: string, p: LabProgress): void {
    this.stmts.setLab.run({ learner, lab, ...p });
  }

  steps(learner: string, lab: string): Map<string, StepProgress> {
    const rows = this.stmts.steps.all(learner, lab) as (Omit<StepProgress, 'results' | 'solutionShown'> & { results: string | null; solutionShown: number })[];
    return new Map(rows.map((r) => [r.step, { ...r, solutionShown: r.solutionShown === 1, results: r.results ? (JSON.parse(r.results) as CheckResult[]) : [] }]));
  }

  setStep(learner: string, lab: string, p: StepProgress): void {
    this.stmts.setStep.run({ learner, lab, ...p, solutionShown: p.solutionShown ? 1 : 0, results: JSON.stringify(p.results) });
  }

  labsOf(learner: string): { lab: string; phase: LabPhase }[] {
    return this.stmts.forLearner.all(learner) as { lab: string; phase: LabPhase }[];
  }
}
