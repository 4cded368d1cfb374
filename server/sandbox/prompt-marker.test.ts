import { describe, expect, it } from 'vitest';
import { PROMPT_MARKER, PromptMarkerFilter, stripPromptMarkers } from './prompt-marker.ts';

describe('stripPromptMarkers', () => {
  it('removes every marker and counts them', () => {
    expect(stripPromptMarkers(`a${PROMPT_MARKER}b$ ${PROMPT_MARKER}`)).toEqual({ text: 'ab$ ', prompts: 2 });
  });

  it('leaves other OSC sequences and plain text alone', () => {
    const title = '\x1b]0;title\x07\x1b]777;notify;x\x07plain';
    expect(stripPromptMarkers(title)).toEqual({ text: title, prompts: 0 });
  });
});

describe('PromptMarkerFilter', () => {
  it('finds a marker split at every possible place', () => {
    const stream = `out${PROMPT_MARKER}learner@lab:~$ `;
    for (let cut = 0; cut <= stream.length; cut++) {
      const filter = new PromptMarkerFilter();
      const a = filter.push(stream.slice(0, cut));
      const b = filter.push(stream.slice(cut));
      expect(a.text + b.text + filter.flush()).toBe('outlearner@lab:~$ ');
      expect(a.prompts + b.prompts).toBe(1);
    }
  });

  it('holds back only what could start a marker, and gives it back when it was not one', () => {
    const filter = new PromptMarkerFilter();
    expect(filter.push('red \x1b[31m')).toEqual({ text: 'red \x1b[31m', prompts: 0 });
    expect(filter.push('x\x1b]77')).toEqual({ text: 'x', prompts: 0 });
    expect(filter.push('0;title\x07')).toEqual({ text: '\x1b]770;title\x07', prompts: 0 });
    expect(filter.push('end\x1b')).toEqual({ text: 'end', prompts: 0 });
    expect(filter.flush()).toBe('\x1b');
  });

  it('never holds more than a marker minus one character', () => {
    const filter = new PromptMarkerFilter();
    const almost = PROMPT_MARKER.slice(0, -1);
    expect(filter.push(`${almost}${almost}`).text).toBe(almost);
    expect(filter.flush()).toBe(almost);
  });
});
