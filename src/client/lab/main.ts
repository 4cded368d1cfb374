// The lab page (/labs/<lab>/): who the learner is, their lab's state, the steps, the terminal and the
// live updates. The page is static; everything about the learner comes from the server (src/lib/labs/api.ts).
import type { LabState } from '../../lib/labs/api.ts';
import { joinHref } from '../../lib/labs/join.ts';
import { decorateCodeBlocks } from './code-blocks.ts';
import { updateCompletion } from './completion.ts';
import { showLearner } from './header.ts';
import { labApi, NotJoined } from './http.ts';
import { connectLive } from './live.ts';
import { showNotice } from './notices.ts';
import { bindSearch } from './search-box.ts';
import { bindSplitter } from './split.ts';
import { bindSteps } from './steps.ts';
import { LabStore } from './store.ts';
import { TermConnection } from './term-connection.ts';
import { createTerminal } from './terminal.ts';
import { TerminalView } from './term-ui.ts';

const STARTING_POLL_MS = 1500;

function toJoin(): void {
  window.location.assign(joinHref(window.location.pathname, window.location.search));
}

async function main(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-lab]');
  if (!root) return;
  const lab = root.dataset.lab!;
  const api = labApi(lab);

  bindSplitter(root.querySelector('[data-splitter]')!, root);
  const pane = root.querySelector<HTMLElement>('.lab-terminal')!;
  const view = new TerminalView(pane);
  const terminal = createTerminal(pane.querySelector('[data-term-screen]')!);
  const openSearch = bindSearch(terminal, pane.querySelector('[data-term-search]')!, pane.querySelector('[data-term-action="search"]')!);
  pane.querySelector('[data-term-action="bigger"]')!.addEventListener('click', () => terminal.changeFontSize(1));
  pane.querySelector('[data-term-action="smaller"]')!.addEventListener('click', () => terminal.changeFontSize(-1));
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      openSearch();
    }
  });

  const connection = new TermConnection(terminal, lab, (state) => {
    if (state.kind === 'unauthorized') return toJoin();
    view.term(state, () => {
      connection.restart();
      terminal.focus();
    });
  });
  const run = (input: string) => {
    const sent = connection.connected && connection.input(input);
    if (sent) terminal.scrollToBottom();
    return sent;
  };
  decorateCodeBlocks(root.querySelector('#instructions')!, run);

  let me;
  try {
    me = await api.me();
  } catch (e) {
    if (e instanceof NotJoined) return toJoin();
    throw e;
  }
  showLearner(me);

  const store = new LabStore();
  bindSteps(store, api, run, toJoin);

  let terminalStarted = false;
  let poll: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => store.set(await api.state());
  const start = async () => {
    view.phase('starting', undefined, start);
    try {
      const started = await api.start();
      if (started && typeof started === 'object' && 'phase' in started) store.set(started);
      else await refresh();
    } catch (e) {
      if (e instanceof NotJoined) return toJoin();
      view.phase('failed', e instanceof Error ? e.message : undefined, start);
    }
  };
  store.subscribe((state: LabState, previous) => {
    updateCompletion(state, previous);
    if (state.phase === 'ready' || state.phase === 'completed') {
      clearTimeout(poll);
      poll = undefined;
      if (!terminalStarted) {
        terminalStarted = true;
        connection.connect();
      }
    } else {
      view.phase(state.phase, state.error, start);
      // Live updates say when the lab is ready; polling covers a live connection that is down.
      if (state.phase === 'starting' && !poll) {
        poll = setTimeout(() => {
          poll = undefined;
          void refresh().catch(() => undefined);
        }, STARTING_POLL_MS);
      }
    }
  });

  try {
    await refresh();
  } catch (e) {
    if (e instanceof NotJoined) return toJoin();
    throw e;
  }
  connectLive(lab, {
    state: (state) => store.set(state),
    step: (step, current, phase) => store.step(step, current, phase),
    notice: showNotice,
    reconnected: () => void refresh().catch(() => undefined),
  });
  if (store.state?.phase === 'not-started') await start();
}

main().catch((error: unknown) => {
  console.error(error);
  showNotice('warning', 'The lab could not load. Reload the page; if it keeps failing, tell your instructor.');
});
