import { describe, expect, it } from 'vitest';
import { PROMPT_MARKER } from '../prompt-marker.ts';
import { FakeDriver, FakeSocket, ManualTimers, settle } from './fakes.test-helpers.ts';
import { CloseCode } from './protocol.ts';
import { EXITED_NOTICE, RESTARTED_NOTICE } from './session.ts';
import { TerminalSessions, type TerminalSessionsOptions } from './terminal-sessions.ts';
import type { ScreenStore } from './types.ts';

const key = { learnerId: 'alice', lab: 'intro' };
const spec = { learnerId: 'alice', uid: 20001, lab: 'intro', home: '/data/homes/alice', env: {}, apiSocket: '/data/sockets/alice.sock' };
const quiet = { info: () => undefined, warn: () => undefined };

function setup(opts: Partial<TerminalSessionsOptions> = {}) {
  const driver = new FakeDriver();
  const timers = new ManualTimers();
  const saved = new Map<string, string>();
  const screens: ScreenStore = {
    load: async (l, lab) => saved.get(`${l}/${lab}`),
    save: async (l, lab, screen) => void saved.set(`${l}/${lab}`, screen),
  };
  const sessions = new TerminalSessions({ driver, specFor: async () => spec, screens, timers, graceMs: 60_000, log: quiet, ...opts });
  return { driver, timers, saved, sessions };
}

describe('TerminalSessions', () => {
  it('starts a shell on first attach, sends it the client size, and streams output without the prompt marker', async () => {
    const { driver, sessions } = setup();
    const prompts: string[] = [];
    sessions.onPrompt((l, lab) => prompts.push(`${l}/${lab}`));
    const socket = new FakeSocket();
    const attachment = await sessions.attach(key, socket, { cols: 100, rows: 30 });
    expect(attachment?.readOnly).toBe(false);
    expect(driver.started).toHaveLength(1);
    expect(driver.last.spec).toMatchObject({ ...spec, cols: 100, rows: 30 });
    expect(socket.frames[0]).toBe('s{"readOnly":false,"shell":"running"}');
    await settle();
    driver.last.emit(`${PROMPT_MARKER}learner@intro:~$ `);
    expect(socket.output).toBe('learner@intro:~$ ');
    expect(prompts).toEqual(['alice/intro']);
    socket.receive('ils\r');
    expect(driver.last.written).toEqual(['ls\r']);
  });

  it('shares one shell between attaches, and a reattaching client gets the screen first', async () => {
    const { driver, sessions } = setup();
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    await Promise.all([sessions.attach(key, a), sessions.attach(key, b)]);
    expect(driver.started).toHaveLength(1);
    await settle();
    driver.last.emit('\x1b[1mhello\x1b[0m world\r\n$ ');
    a.close(1000, 'tab closed');
    const c = new FakeSocket();
    await sessions.attach(key, c);
    driver.last.emit('live');
    await settle();
    expect(c.output.indexOf('hello')).toBeGreaterThanOrEqual(0);
    expect(c.output.endsWith('live')).toBe(true);
    expect(c.output.indexOf('hello')).toBeLessThan(c.output.indexOf('live'));
    expect(driver.started).toHaveLength(1);
  });

  it('keeps the shell for the grace period, then reaps it, saves the screen and restores it under a fresh shell', async () => {
    const { driver, timers, saved, sessions } = setup();
    const socket = new FakeSocket();
    await sessions.attach(key, socket);
    await settle();
    driver.last.emit('learner@intro:~$ kubectl get pods\r\nNo resources found\r\n');
    socket.close(1006, 'network');
    timers.advance(59_000);
    expect(driver.last.killed).toBe(false);
    // Coming back within the grace period: same shell, and the reap is called off.
    const back = new FakeSocket();
    await sessions.attach(key, back);
    back.close(1006, 'network again');
    timers.advance(59_000);
    expect(driver.last.killed).toBe(false);
    timers.advance(1_000);
    await settle();
    expect(driver.last.killed).toBe(true);
    expect(sessions.isRunning(key)).toBe(false);
    expect(saved.get('alice/intro')).toContain('No resources found');

    const later = new FakeSocket();
    await sessions.attach(key, later);
    await settle();
    expect(driver.started).toHaveLength(2);
    expect(later.output).toContain('No resources found');
    expect(later.output).toContain(RESTARTED_NOTICE.trim());
  });

  it('restores a screen saved while an editor had the alternate screen on the normal screen', async () => {
    const { driver, timers, saved, sessions } = setup();
    const socket = new FakeSocket();
    await sessions.attach(key, socket);
    await settle();
    driver.last.emit('learner@intro:~$ vim pod.yaml\r\n\x1b[?1049h\x1b[HapiVersion: v1');
    socket.close(1006, 'gone');
    timers.advance(60_000);
    await settle();
    expect(saved.get('alice/intro')).toContain('\x1b[?1049h');
    const later = new FakeSocket();
    await sessions.attach(key, later);
    await settle();
    expect(later.output).toContain('vim pod.yaml');
    expect(later.output).toContain(RESTARTED_NOTICE.trim());
    expect(later.output).not.toContain('\x1b[?1049h');
  });

  it('gives read-only clients output but never lets them type, resize or start a shell', async () => {
    const { driver, sessions } = setup();
    const viewer = new FakeSocket();
    expect(await sessions.attach(key, viewer, { readOnly: true })).toBeUndefined();
    expect(viewer.closed?.code).toBe(CloseCode.ended);
    expect(driver.started).toHaveLength(0);

    const learner = new FakeSocket();
    await sessions.attach(key, learner, { cols: 80, rows: 24 });
    const instructor = new FakeSocket();
    const view = await sessions.attach(key, instructor, { readOnly: true, cols: 200, rows: 60 });
    expect(view?.readOnly).toBe(true);
    expect(instructor.frames[0]).toBe('s{"readOnly":true,"shell":"running"}');
    instructor.receive('irm -rf ~\r');
    instructor.receive('r200,60');
    expect(driver.last.written).toEqual([]);
    expect(driver.last.sizes.every(([c]) => c === 80)).toBe(true);
    await settle();
    driver.last.emit('visible to both');
    expect(instructor.output).toContain('visible to both');
  });

  it('takes the size from the first writable client, then from the next one when it leaves', async () => {
    const { driver, sessions } = setup();
    const first = new FakeSocket();
    const second = new FakeSocket();
    await sessions.attach(key, first, { cols: 100, rows: 30 });
    await sessions.attach(key, second, { cols: 120, rows: 40 });
    second.receive('r130,45');
    first.receive('r90,20');
    expect(driver.last.sizes.at(-1)).toEqual([90, 20]);
    first.close(1000, 'bye');
    expect(driver.last.sizes.at(-1)).toEqual([130, 45]);
  });

  it('pauses the shell for a client that does not ack, drops it after the stall bound, and resumes', async () => {
    const { driver, timers, sessions } = setup({ limits: { flow: { high: 1000, low: 100, stallMs: 5000 } } });
    const good = new FakeSocket();
    const stuck = new FakeSocket();
    await sessions.attach(key, good);
    await sessions.attach(key, stuck);
    await settle();
    const sandbox = driver.last;
    for (let i = 0; i < 3; i++) sandbox.emit('y\r\n'.repeat(200));
    await settle();
    expect(sandbox.paused).toBe(true);
    good.receive(`a${good.outputChars}`);
    expect(sandbox.paused).toBe(true);
    timers.advance(5000);
    expect(stuck.closed?.code).toBe(CloseCode.tooSlow);
    expect(sandbox.paused).toBe(false);
    // The remaining client keeps working, acks and all.
    sandbox.emit('more');
    good.receive(`a${good.outputChars}`);
    expect(sandbox.paused).toBe(false);
  });

  it('refuses oversized input with a notice', async () => {
    const { driver, sessions } = setup({ limits: { maxInput: 10 } });
    const socket = new FakeSocket();
    await sessions.attach(key, socket);
    socket.receive(`i${'x'.repeat(11)}`);
    expect(driver.last.written).toEqual([]);
    expect(socket.output).toMatch(/more than 10; nothing was typed/);
  });

  it('offers a new shell after the shell exits, on the next keystroke', async () => {
    const { driver, sessions } = setup();
    const socket = new FakeSocket();
    await sessions.attach(key, socket);
    await settle();
    driver.last.exit(0);
    expect(socket.output).toContain(EXITED_NOTICE);
    expect(socket.frames).toContain('s{"readOnly":false,"shell":"exited"}');
    socket.receive('i\r');
    await settle();
    expect(driver.started).toHaveLength(2);
    socket.receive('iecho again\r');
    expect(driver.last.written).toEqual(['echo again\r']);
  });

  it('pauses a shell that prints too much while nobody watches, until someone attaches', async () => {
    const { driver, sessions } = setup({ limits: { detachedOutput: 100 } });
    const socket = new FakeSocket();
    await sessions.attach(key, socket);
    socket.close(1006, 'gone');
    driver.last.emit('x'.repeat(101));
    expect(driver.last.paused).toBe(true);
    await sessions.attach(key, new FakeSocket());
    expect(driver.last.paused).toBe(false);
  });

  it('turns away clients beyond the limit, and closes the socket when the shell cannot start', async () => {
    const { driver, sessions } = setup({ limits: { maxClients: 1 } });
    await sessions.attach(key, new FakeSocket());
    const extra = new FakeSocket();
    expect(await sessions.attach(key, extra)).toBeUndefined();
    expect(extra.closed?.code).toBe(CloseCode.tooManyClients);

    driver.fail = true;
    const other = new FakeSocket();
    expect(await sessions.attach({ learnerId: 'bob', lab: 'intro' }, other)).toBeUndefined();
    expect(other.closed?.code).toBe(CloseCode.startFailed);
    expect(sessions.isRunning({ learnerId: 'bob', lab: 'intro' })).toBe(false);
  });

  it('saves every screen and kills every shell on shutdown', async () => {
    const { driver, saved, sessions } = setup();
    const socket = new FakeSocket();
    await sessions.attach(key, socket);
    await settle();
    driver.last.emit('work in progress');
    await sessions.shutdown();
    expect(driver.last.killed).toBe(true);
    expect(socket.closed?.code).toBe(CloseCode.ended);
    expect(saved.get('alice/intro')).toContain('work in progress');
    expect(await sessions.attach(key, new FakeSocket())).toBeUndefined();
  });
});
