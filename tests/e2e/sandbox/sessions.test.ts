/**
 * Terminal sessions over real sandboxes: typing, reattaching to the same shell with its screen,
 * `yes` against a client that never acks, reaping after the grace period and a restored screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSocket } from '../../../server/sandbox/sessions/fakes.test-helpers.ts';
import { CloseCode, RESTARTED_NOTICE, TerminalSessions } from '../../../server/sandbox/index.ts';
import { sandboxWorld, skipReason, waitForNoProcesses, worstEventLoopLag, type LearnerSpec, type SandboxWorld } from './harness.ts';

const UID = 20_501;

async function until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A well-behaved client: acks everything it receives, as xterm.js would after rendering. */
function ackingClient(): FakeSocket {
  const socket = new FakeSocket();
  const send = socket.send.bind(socket);
  socket.send = (frame: string) => {
    send(frame);
    if (frame.startsWith('o')) queueMicrotask(() => socket.receive(`a${frame.length - 1}`));
  };
  return socket;
}

describe.skipIf(skipReason)('terminal sessions on real sandboxes', () => {
  let world: SandboxWorld;
  let learner: LearnerSpec;
  let sessions: TerminalSessions;
  const saved = new Map<string, string>();
  const prompts: string[] = [];
  const key = { learnerId: 'judy', lab: 'sessions-lab' };

  beforeAll(async () => {
    world = await sandboxWorld();
    learner = { ...world.learner('judy', UID), lab: 'sessions-lab' };
    sessions = new TerminalSessions({
      driver: world.driver,
      specFor: async () => learner,
      graceMs: 500,
      limits: { flow: { high: 64 * 1024, low: 8 * 1024, stallMs: 1500 } },
      screens: {
        load: async (l, lab) => saved.get(`${l}/${lab}`),
        save: async (l, lab, screen) => void saved.set(`${l}/${lab}`, screen),
      },
      log: { info: () => undefined, warn: () => undefined },
    });
    sessions.onPrompt((l, lab) => prompts.push(`${l}/${lab}`));
  });

  afterAll(async () => {
    await sessions?.shutdown();
    await world?.destroy();
  });

  it('runs commands, reports prompts, and gives a reattaching tab the same shell and screen', async () => {
    const tab = ackingClient();
    await sessions.attach(key, tab, { cols: 100, rows: 30 });
    await until(() => tab.output.includes('learner@sessions-lab:~$ '), 'the prompt');
    tab.receive('iecho "pid=$$ hello-$((40+2))"\r');
    await until(() => /pid=\d+ hello-42/.test(tab.output), 'the echo');
    expect(prompts.length).toBeGreaterThanOrEqual(2);
    expect(tab.output).not.toContain('\x1b]777;');
    const pid = /pid=(\d+)/.exec(tab.output)![1];

    tab.close(1006, 'network blip');
    const again = ackingClient();
    await sessions.attach(key, again, { cols: 100, rows: 30 });
    await until(() => again.output.includes('hello-42'), 'the redrawn screen');
    again.receive('iecho "pid=$$ again"\r');
    await until(() => again.output.includes(`pid=${pid} again`), 'the same shell');
    again.close(1000, 'done');
  });

  it('survives `yes`: a client that never acks is dropped, the other keeps up, the server stays responsive', async () => {
    const good = ackingClient();
    const stuck = new FakeSocket();
    await sessions.attach(key, good, { cols: 100, rows: 30 });
    await sessions.attach(key, stuck, { readOnly: true });
    await until(() => good.output.includes('$ '), 'the prompt');
    const { lagMs } = await worstEventLoopLag(async () => {
      good.receive('iyes\r');
      await until(() => stuck.closed !== undefined, 'the stuck client to be dropped', 10_000);
      const seen = good.outputChars;
      await until(() => good.outputChars > seen + 100_000, 'more output for the good client');
      good.receive('i\x03');
      await until(() => good.output.endsWith('learner@sessions-lab:~$ ') || /\^C[\s\S]*\$ $/.test(good.output), 'the prompt after Ctrl-C', 10_000);
    });
    console.log(`yes: the stuck client got ${stuck.outputChars} characters before it was dropped; event loop lag ≤ ${lagMs} ms`);
    expect(stuck.closed?.code).toBe(CloseCode.tooSlow);
    // It never got much more than the high watermark (plus what was in flight).
    expect(stuck.outputChars).toBeLessThan(64 * 1024 + 256 * 1024);
    expect(lagMs).toBeLessThan(1000);
    good.close(1000, 'done');
  });

  it('reaps the shell after the grace period, saves its screen, and restores it under a fresh shell', async () => {
    const tab = ackingClient();
    await sessions.attach(key, tab, { cols: 100, rows: 30 });
    await until(() => tab.output.includes('$ '), 'the prompt');
    tab.receive('iecho kept > ~/notes.txt; echo before-reap\r');
    await until(() => /before-reap\r\n/.test(tab.output), 'the command');
    tab.close(1006, 'closed the laptop');
    await until(() => saved.get('judy/sessions-lab')?.includes('before-reap') ?? false, 'the reap and the saved screen', 5000);
    expect(sessions.isRunning(key)).toBe(false);
    expect(await waitForNoProcesses(UID)).toEqual([]);

    const next = ackingClient();
    await sessions.attach(key, next, { cols: 100, rows: 30 });
    await until(() => next.output.includes(RESTARTED_NOTICE.trim()), 'the restart notice');
    expect(next.output.indexOf('before-reap')).toBeLessThan(next.output.indexOf(RESTARTED_NOTICE.trim()));
    next.receive('icat ~/notes.txt\r');
    await until(() => /\rkept\r\n/.test(next.output), 'the file from before');
  });
});
