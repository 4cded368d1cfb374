import { describe, expect, it } from 'vitest';
import { ScreenMirror } from './screen-mirror.ts';

describe('ScreenMirror', () => {
  it('redraws what was written, colours included', async () => {
    const mirror = new ScreenMirror({ cols: 40, rows: 5, scrollback: 10 });
    mirror.write('learner@lab:~$ \x1b[32mok\x1b[0m\r\n');
    const screen = await mirror.snapshot();
    expect(screen).toContain('learner@lab:~$ ');
    expect(screen).toContain('\x1b[32mok');
    mirror.dispose();
  });

  it('keeps only the scrollback it was given', async () => {
    const mirror = new ScreenMirror({ cols: 20, rows: 3, scrollback: 5 });
    for (let i = 0; i < 100; i++) mirror.write(`line ${i}\r\n`);
    const screen = await mirror.snapshot();
    expect(screen).toContain('line 99');
    expect(screen).not.toContain('line 80');
    expect(await mirror.snapshot(0)).not.toContain('line 95');
    mirror.dispose();
  });

  it('excludes output written after the snapshot was asked for', async () => {
    const mirror = new ScreenMirror({ cols: 20, rows: 3, scrollback: 5 });
    mirror.write('before');
    const snapshot = mirror.snapshot();
    mirror.write(' after');
    expect(await snapshot).toBe('before');
    mirror.dispose();
    expect(await mirror.snapshot()).toBe('');
  });
});
