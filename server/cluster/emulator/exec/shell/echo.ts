/** `echo` as each shell runs it: dash always reads backslash escapes, bash and busybox only with `-e`. */

function unescapeEcho(text: string): { text: string; stop: boolean } {
  let stop = false;
  const out = text.replace(/\\(c|n|t|r|a|b|f|v|e|\\|0[0-7]{0,3})/g, (_, c: string) => {
    if (stop) return '';
    switch (c) {
      case 'c':
        stop = true;
        return '';
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'e':
        return '\x1b';
      case '\\':
        return '\\';
      default:
        return String.fromCharCode(parseInt(c, 8) || 0);
    }
  });
  return { text: out, stop };
}

export function echo(args: string[], alwaysEscapes: boolean): string {
  let newline = true;
  let escapes = alwaysEscapes;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!/^-[neE]+$/.test(a) || (alwaysEscapes && a !== '-n')) break;
    if (a.includes('n')) newline = false;
    if (!alwaysEscapes && a.includes('e')) escapes = true;
    if (!alwaysEscapes && a.includes('E')) escapes = false;
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const u = unescapeEcho(text);
    text = u.text;
    if (u.stop) newline = false;
  }
  return newline ? `${text}\n` : text;
}

