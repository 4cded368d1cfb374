// The join page (/join): workshop code and name → POST /api/join; when the name already has a seat,
// the seat code that the first browser shows. Errors stay next to their field; nothing typed is lost.
import { fieldOfRefusal, joinFormErrors, safeNext, type JoinField } from '../lib/labs/join.ts';
import { currentLearner, join } from './lab/http.ts';

function setup(): void {
  const form = document.querySelector<HTMLFormElement>('[data-join]');
  if (!form) return;
  const params = new URLSearchParams(window.location.search);
  const next = safeNext(params.get('next'));
  const input = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  const code = input('code');
  const name = input('name');
  const seat = input('seatCode');
  const seatField = form.querySelector<HTMLElement>('[data-seat-field]')!;
  const seatTitle = form.querySelector<HTMLElement>('[data-seat-taken-title]')!;
  const formError = form.querySelector<HTMLElement>('[data-form-error]')!;
  const submit = form.querySelector<HTMLButtonElement>('[data-submit]')!;
  const fields: Record<Exclude<JoinField, 'form'>, HTMLInputElement> = { code, name, seatCode: seat };

  if (params.get('code')) code.value = params.get('code')!;
  (code.value ? name : code).focus();

  const showError = (field: JoinField, message: string) => {
    if (field === 'form') {
      formError.textContent = message;
      formError.hidden = false;
      return;
    }
    const error = form.querySelector<HTMLElement>(`[data-error-for="${field}"]`)!;
    error.textContent = message;
    error.hidden = false;
    fields[field].setAttribute('aria-invalid', 'true');
  };
  const clearErrors = () => {
    for (const el of form.querySelectorAll<HTMLElement>('[data-error-for]')) el.hidden = true;
    for (const el of Object.values(fields)) el.removeAttribute('aria-invalid');
    formError.hidden = true;
  };
  const askSeat = (who: string) => {
    seatTitle.textContent = `Someone has already joined as “${who}”.`;
    seatField.hidden = false;
  };
  // A seat code belongs to a name: another name needs none.
  let seatFor = '';
  name.addEventListener('input', () => {
    if (!seatField.hidden && name.value.trim() !== seatFor) {
      seatField.hidden = true;
      seat.value = '';
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const seatAsked = !seatField.hidden;
    const errors = joinFormErrors({ code: code.value, name: name.value, seatCode: seat.value, seatAsked });
    const first = (['code', 'name', 'seatCode'] as const).find((f) => errors[f]);
    if (first) {
      for (const f of ['code', 'name', 'seatCode'] as const) if (errors[f]) showError(f, errors[f]!);
      fields[first].focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Joining…';
    try {
      const result = await join({ code: code.value.trim(), name: name.value.trim(), ...(seatAsked ? { seatCode: seat.value.trim() } : {}) });
      if (result.ok) {
        submit.textContent = 'Joined';
        window.location.assign(next);
        return;
      }
      const field = fieldOfRefusal(result.reason);
      if (result.reason === 'seat-taken') {
        seatFor = name.value.trim();
        askSeat(seatFor);
        if (seatAsked) showError('seatCode', result.message);
        seat.focus();
      } else {
        showError(field, result.message);
        if (field !== 'form') fields[field].focus();
      }
    } catch {
      showError('form', 'The server did not answer. Check your network connection and try again.');
    } finally {
      if (submit.textContent !== 'Joined') {
        submit.disabled = false;
        submit.textContent = 'Join';
      }
    }
  });

  // Already joined in this browser: say so, and offer to go on.
  void currentLearner()
    .then((me) => {
      if (!me) return;
      const note = document.createElement('p');
      note.className = 'join-already';
      note.append(`You have joined ${me.workshop.title} as ${me.name}. `);
      const link = document.createElement('a');
      link.href = next;
      link.textContent = next === '/' ? 'Go to the workshop' : 'Continue to your lab';
      note.append(link);
      form.before(note);
    })
    .catch(() => undefined);
}

setup();
