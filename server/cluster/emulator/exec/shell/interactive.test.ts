import { describe, expect, test } from 'vitest';
import { add, runningPod, testWorld } from '../testing.ts';
import { containerView } from '../container/container-system.ts';
import { runProcess } from '../session/run-process.ts';
import { Capture, StreamInput } from './io.ts';

async function session(image: string, argv: string[], keys: (string | number)[]) {
  const { store, world } = testWorld();
  add(store, runningPod({ name: 'web-7d4b9c6d8-x2vqp', image }));
  const pod = world.reader.pod('default', 'web-7d4b9c6d8-x2vqp')!;
  const size = { rows: 40, cols: 120 };
  const view = containerView(world, pod, 'app', argv, size)!;
  const stdin = new StreamInput();
  const out = new Capture();
  const done = runProcess(view.sys, argv, { stdin, stdout: out, stderr: out, tty: size, signal: new AbortController().signal });
  for (const k of keys) {
    if (typeof k === 'number') await new Promise((r) => setTimeout(r, k));
    else stdin.push(k);
  }
  const outcome = await done;
  return { out: out.text(), outcome };
}

describe('an interactive shell on a terminal', () => {
  test('busybox: prompt with the directory, echo of typed keys, CRLF output, exit status', async () => {
    const { out, outcome } = await session('busybox', ['sh'], ['cd /etc\r', 'echo $((6*7))\r', 'exit 4\r']);
    expect(out).toBe('/ # cd /etc\r\n/etc # echo $((6*7))\r\n42\r\n/etc # exit 4\r\n');
    expect(outcome).toEqual({ kind: 'exited', code: 4 });
  });

  test('Debian nginx: dash prompts `# `, bash prompts user@host:dir#', async () => {
    expect((await session('nginx:1.27', ['sh'], ['\x04'])).out).toBe('# \r\n');
    const bash = await session('nginx:1.27', ['bash'], ['cd /tmp\r', 'exit\r']);
    expect(bash.out).toBe('root@web-7d4b9c6d8-x2vqp:/# cd /tmp\r\nroot@web-7d4b9c6d8-x2vqp:/tmp# exit\r\nexit\r\n');
  });

  test('line editing: backspace, Ctrl-U, Ctrl-C on the prompt', async () => {
    const { out } = await session('busybox', ['sh'], ['echo abx\x7fc\r', 'garbage\x15echo ok\r', 'half\x03', 'exit\r']);
    expect(out).toBe('/ # echo abx\b \bc\r\nabc\r\n/ # garbage\b \b\b \b\b \b\b \b\b \b\b \b\b \becho ok\r\nok\r\n/ # half^C\r\n/ # exit\r\n');
  });

  test('Ctrl-C interrupts the running command, the shell carries on', async () => {
    const { out, outcome } = await session('busybox', ['sh'], ['sleep 30\r', 50, '\x03', 20, 'echo $?\r', 'exit\r']);
    expect(out).toBe('/ # sleep 30\r\n^C\r\n/ # echo $?\r\n130\r\n/ # exit\r\n');
    expect(outcome).toEqual({ kind: 'exited', code: 0 });
  });

  test('the terminal size reaches stty', async () => {
    const { out } = await session('busybox', ['sh'], ['stty size\r', 'exit\r']);
    expect(out).toContain('40 120\r\n');
  });
});
