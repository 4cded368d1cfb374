/**
 * The shell in a sandbox prints an OSC 777 sequence just before each prompt (from PROMPT_COMMAND), so
 * the server knows a command finished and a prompt is showing. These helpers find it in the shell's
 * output and remove it before the output reaches a terminal. Pure: no I/O, no timers.
 */

/** The exact bytes the sandbox's bash prints before every prompt. */
export const PROMPT_MARKER = '\x1b]777;podium-prompt\x07';

export interface MarkerScan {
  /** The output with every complete marker removed. */
  text: string;
  /** How many markers were removed. */
  prompts: number;
}

/** Removes every complete marker from `text` (stateless: a marker split across two chunks is missed). */
export function stripPromptMarkers(text: string): MarkerScan {
  if (!text.includes(PROMPT_MARKER)) return { text, prompts: 0 };
  const parts = text.split(PROMPT_MARKER);
  return { text: parts.join(''), prompts: parts.length - 1 };
}

/**
 * Streaming form of {@link stripPromptMarkers}: a chunk that ends with the beginning of a marker keeps
 * that beginning back until the next chunk says whether it was one. At most `PROMPT_MARKER.length - 1`
 * characters are ever held.
 */
export class PromptMarkerFilter {
  private held = '';

  push(chunk: string): MarkerScan {
    const joined = this.held + chunk;
    const scan = stripPromptMarkers(joined);
    const keep = partialMarkerSuffix(scan.text);
    this.held = scan.text.slice(scan.text.length - keep);
    return { text: scan.text.slice(0, scan.text.length - keep), prompts: scan.prompts };
  }

  /** Returns whatever is held back (at the end of the stream). */
  flush(): string {
    const held = this.held;
    this.held = '';
    return held;
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of the marker. */
function partialMarkerSuffix(text: string): number {
  const from = Math.max(0, text.length - (PROMPT_MARKER.length - 1));
  const escape = text.indexOf('\x1b', from);
  for (let i = escape; i !== -1; i = text.indexOf('\x1b', i + 1)) {
    if (PROMPT_MARKER.startsWith(text.slice(i))) return text.length - i;
  }
  return 0;
}
