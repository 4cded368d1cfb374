import { describe, expect, it } from 'vitest';
import { PROMPT_MARKER } from '../prompt-marker.ts';
import { bashrc, etcFiles } from './generated-files.ts';

describe('generated files', () => {
  it('names the learner uid 1000 and resolves only localhost', () => {
    const files = Object.fromEntries(etcFiles().map((f) => [f.target, f.content]));
    expect(files['/etc/passwd']).toContain('learner:x:1000:1000:learner:/home/learner:/bin/bash');
    expect(files['/etc/group']).toContain('learner:x:1000:');
    expect(files['/etc/hosts']).toMatch(/^127\.0\.0\.1 localhost$/m);
    expect(files['/etc/nsswitch.conf']).not.toMatch(/dns|systemd/);
  });

  it('keeps history in the home and prints the prompt marker from PROMPT_COMMAND', () => {
    const rc = bashrc({ completion: '/etc/podium/kubectl-completion.bash' });
    expect(rc).toContain('HISTFILE=~/.bash_history');
    expect(rc).toContain("PS1='learner@\\h:\\w\\$ '");
    expect(rc).toContain('history -a');
    // printf turns the octal escapes back into the marker's bytes.
    const printf = /printf '([^']+)'/.exec(rc)![1]!;
    expect(printf.replace('\\033', '\x1b').replace('\\007', '\x07')).toBe(PROMPT_MARKER);
    expect(rc.indexOf('~/.bashrc')).toBeLessThan(rc.indexOf('PROMPT_COMMAND='));
  });
});
