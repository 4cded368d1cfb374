import type { JoinResponse } from './api.ts';

/** Where to go after joining: `next` when it is a path on this site, else the catalogue. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** `/join?next=<this page>`: where a page sends a visitor who has not joined. */
export function joinHref(pathname: string, search = ''): string {
  return `/join?next=${encodeURIComponent(pathname + search)}`;
}

export type JoinField = 'code' | 'name' | 'seatCode' | 'form';

/** Which field a refusal is about, so its message shows next to that input. */
export function fieldOfRefusal(reason: Extract<JoinResponse, { ok: false }>['reason']): JoinField {
  switch (reason) {
    case 'unknown-workshop':
      return 'code';
    case 'invalid-name':
      return 'name';
    case 'seat-taken':
    case 'wrong-seat-code':
      return 'seatCode';
    default:
      return 'form';
  }
}

/** The form's own checks before anything is sent. */
export function joinFormErrors(input: { code: string; name: string; seatCode?: string | undefined; seatAsked: boolean }): Partial<Record<JoinField, string>> {
  const errors: Partial<Record<JoinField, string>> = {};
  if (!input.code.trim()) errors.code = 'Enter the workshop code your instructor gave you.';
  if (!input.name.trim()) errors.name = 'Enter your name: the instructor sees it next to your progress.';
  else if (input.name.trim().length > 60) errors.name = 'Keep your name under 60 characters.';
  if (input.seatAsked && !input.seatCode?.trim()) errors.seatCode = 'Enter the seat code shown in your other browser, or choose another name.';
  return errors;
}
