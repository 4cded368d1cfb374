/** `echo -e` escapes and `printf` formatting. */

export function unescape(text: string): string {
  return text.replace(/\\(n|t|\\|c|0[0-7]*)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === '\\' ? '\\' : c === 'c' ? '' : String.fromCharCode(parseInt(c, 8) || 0)));
}

/** `printf` with %s, %d/%i, %x, %f and %%; the format is reused while arguments remain. */
export function printf(format: string, args: string[]): string {
  let out = '';
  let i = 0;
  const once = () =>
    unescape(format).replace(/%(-?\d*)(\.\d+)?([sdixf%])/g, (_, width: string, precision: string | undefined, c: string) => {
      if (c === '%') return '%';
      const arg = args[i++] ?? '';
      let s: string;
      if (c === 's') s = arg;
      else if (c === 'x') s = (Number(arg) || 0).toString(16);
      else if (c === 'f') s = (Number(arg) || 0).toFixed(precision ? Number(precision.slice(1)) : 6);
      else s = String(Math.trunc(Number(arg) || 0));
      const w = Number(width) || 0;
      return w < 0 ? s.padEnd(-w) : s.padStart(w);
    });
  do out += once();
  while (i < args.length && /%[-\d.]*[sdixf]/.test(format));
  return out;
}

/** Quotes a word for a shell command line (the form in which an argv becomes a script). */
export const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
