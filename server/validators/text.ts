/** Small helpers that turn values and outputs into the short texts a learner reads in a result. */

/** Cuts `text` to `max` characters, marking the cut. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A value as a learner would write it: `3`, `nginx:1.27`, `"" (empty)`, `{"a":1}`. */
export function show(value: unknown, max = 120): string {
  if (value === undefined) return 'not set';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? '"" (empty)' : clip(value, max);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return clip(JSON.stringify(value), max);
}

/** `"text"`, clipped. */
export function quote(text: string, max = 80): string {
  return `"${clip(text, max)}"`;
}

/** A regular expression as authors and learners read it: `/^nginx:1\.27/`. */
export function regex(pattern: string): string {
  return `/${pattern}/`;
}

/** `api, db and 3 more`; `none` for an empty list. */
export function nameList(names: string[], max = 6): string {
  if (names.length === 0) return 'none';
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/**
 * A command's output in a line or a few: the first lines (at most `maxLines`, `maxChars` in all),
 * saying how much was left out.
 */
export function excerpt(output: string, maxLines = 4, maxChars = 300): string {
  const lines = output.replace(/\r\n/g, '\n').replace(/\s+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return '(no output)';
  const shown: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (shown.length >= maxLines || used >= maxChars) break;
    const room = maxChars - used;
    shown.push(clip(line, Math.max(room, 20)));
    used += Math.min(line.length, room) + 1;
  }
  const rest = lines.length - shown.length;
  return rest > 0 ? `${shown.join('\n')}\n… (${rest} more line${rest === 1 ? '' : 's'})` : shown.join('\n');
}

/** `1 pod`, `3 pods`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `a Deployment`, `an Ingress`. */
export function article(word: string): string {
  return /^[AEIOUaeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** An error's message, without the stack, on one line. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return clip(message.split('\n')[0] ?? message, 300);
}
