import { randomBytes, randomInt } from 'node:crypto';
import type { JoinRequest, JoinResponse, Me } from '../../src/lib/labs/api.ts';
import type { Learner, Learners } from '../store/learners.ts';
import type { Workshop, Workshops } from '../store/workshops.ts';

export interface JoinOutcome {
  response: JoinResponse;
  /** The learner to sign a cookie for, when the join succeeded. */
  learner?: Learner;
}

/** Attempts at a taken seat allowed per name before a pause, to keep seat codes from being guessed. */
const MAX_ATTEMPTS = 5;
const LOCK_MS = 10 * 60_000;

/**
 * Joining a workshop with its code and a name. A name already taken can only be taken up again
 * with the seat code the first browser shows, so nobody takes over someone else's seat.
 */
export class JoinService {
  private readonly attempts = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly workshops: Workshops,
    private readonly learners: Learners,
    private readonly now: () => number = Date.now,
  ) {}

  join(req: JoinRequest, current: Learner | undefined): JoinOutcome {
    const workshop = this.workshops.get(String(req.code ?? ''));
    if (!workshop) {
      return fail('unknown-workshop', 'No workshop has this code. Check it with your instructor (letters and digits, as shown on the screen).');
    }
    const name = cleanName(String(req.name ?? ''));
    if (!name.ok) return fail('invalid-name', name.problem);
    const existing = this.learners.byName(workshop.code, name.value);
    if (!existing) {
      const learner = this.learners.create({ id: newLearnerId(), workshop: workshop.code, name: name.value, seatCode: newSeatCode() });
      return ok(learner, workshop);
    }
    // The same browser coming back.
    if (current?.id === existing.id) return ok(existing, workshop);
    const key = `${workshop.code}/${existing.id}`;
    const tries = this.attempts.get(key);
    if (tries && tries.count >= MAX_ATTEMPTS && this.now() - tries.since < LOCK_MS) {
      return fail('wrong-seat-code', 'Too many wrong seat codes for this name. Wait a few minutes, or ask your instructor.');
    }
    if (!req.seatCode) {
      return fail(
        'seat-taken',
        `Someone has already joined as "${existing.name}". If that was you in another browser, enter the seat code shown there (top right of the lab page); otherwise choose another name.`,
      );
    }
    if (req.seatCode.trim() !== existing.seatCode) {
      const next = tries && this.now() - tries.since < LOCK_MS ? { count: tries.count + 1, since: tries.since } : { count: 1, since: this.now() };
      this.attempts.set(key, next);
      return fail('wrong-seat-code', 'That seat code does not match. It is shown at the top right of the lab page in the browser you joined with first.');
    }
    this.attempts.delete(key);
    return ok(existing, workshop);
  }

  me(learner: Learner): Me {
    const workshop = this.workshops.get(learner.workshop)!;
    return toMe(learner, workshop);
  }
}

function ok(learner: Learner, workshop: Workshop): JoinOutcome {
  return { response: { ok: true, me: toMe(learner, workshop) }, learner };
}

function fail(reason: Exclude<JoinResponse, { ok: true }>['reason'], message: string): JoinOutcome {
  return { response: { ok: false, reason, message } };
}

function toMe(learner: Learner, workshop: Workshop): Me {
  return { id: learner.id, name: learner.name, workshop: { code: workshop.code, title: workshop.title }, seatCode: learner.seatCode };
}

/** A display name: 1–40 characters with at least one letter or digit; spacing tidied. */
export function cleanName(raw: string): { ok: true; value: string } | { ok: false; problem: string } {
  const value = raw.normalize('NFKC').replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (value === '') return { ok: false, problem: 'Enter your name, as your instructor should see it.' };
  if (value.length > 40) return { ok: false, problem: 'Use a shorter name: at most 40 characters.' };
  if (!/[\p{L}\p{N}]/u.test(value)) return { ok: false, problem: 'A name needs at least one letter or digit.' };
  return { ok: true, value };
}

function newLearnerId(): string {
  return `l${randomBytes(8).toString('hex')}`;
}

function newSeatCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
