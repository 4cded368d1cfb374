/**
 * Go's `base64.StdEncoding` decoding rules, to refuse what a real API server cannot decode with its error
 * text (`illegal base64 data at input byte N`). Go skips `\r` and `\n` and requires full padding.
 */
const ALPHABET = /[A-Za-z0-9+/]/;

/** The byte offset Go reports for invalid base64, or undefined when the text decodes. */
export function base64ErrorOffset(text: string): number | undefined {
  let quantum = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (ALPHABET.test(c)) {
      quantum = (quantum + 1) % 4;
      i++;
      continue;
    }
    if (c !== '=') return i;
    // Padding: allowed as the 3rd and 4th, or only the 4th, character of the last quantum.
    if (quantum < 2) return i;
    let j = i + 1;
    if (quantum === 2) {
      while (j < text.length && (text[j] === '\n' || text[j] === '\r')) j++;
      if (j >= text.length) return text.length;
      if (text[j] !== '=') return j;
      j++;
    }
    while (j < text.length && (text[j] === '\n' || text[j] === '\r')) j++;
    if (j < text.length) return j;
    return undefined;
  }
  if (quantum === 0) return undefined;
  // A short final quantum without padding.
  const significant = text.replace(/[\r\n]/g, '').length;
  return significant - quantum;
}

export function decodeBase64(text: string): Buffer {
  return Buffer.from(text.replace(/[\r\n]/g, ''), 'base64');
}
