import { codeCommand, terminalInput } from '../../lib/labs/code-commands.ts';
import { copyText } from './clipboard.ts';
import { h, icon } from './dom.ts';

/** Runs text in the terminal; false when the terminal is not connected. */
export type RunInTerminal = (input: string) => boolean;

/**
 * Gives each code block under `root` a bar with its language, **Run** (shell blocks: the commands
 * and Enter go to the terminal) and **Copy**.
 */
export function decorateCodeBlocks(root: ParentNode, run: RunInTerminal): void {
  for (const pre of root.querySelectorAll<HTMLPreElement>('pre')) {
    if (pre.closest('.code-block')) continue;
    const language = pre.dataset.language;
    const command = codeCommand(pre.querySelector('code')?.textContent ?? pre.textContent ?? '', language);
    const status = h('span', { class: 'code-status', role: 'status' });
    const flash = (text: string, kind: 'ok' | 'warn') => {
      status.textContent = text;
      status.dataset.kind = kind;
      window.clearTimeout(Number(status.dataset.timer));
      status.dataset.timer = String(window.setTimeout(() => (status.textContent = ''), 2500));
    };
    const buttons: HTMLButtonElement[] = [];
    if (command.runnable) {
      const runButton = h('button', { type: 'button', class: 'code-btn code-run', 'data-code-action': 'run', title: 'Type this into the terminal and press Enter' }, icon('play'), 'Run');
      runButton.addEventListener('click', () => {
        if (run(terminalInput(command.run))) flash('Sent to the terminal', 'ok');
        else flash('The terminal is not connected yet', 'warn');
      });
      buttons.push(runButton);
    }
    const copyButton = h('button', { type: 'button', class: 'code-btn', 'data-code-action': 'copy', title: 'Copy to the clipboard' }, icon('copy'), 'Copy');
    copyButton.addEventListener('click', async () => {
      flash((await copyText(command.copy)) ? 'Copied' : 'Could not copy: select the text and copy it', 'ok');
    });
    buttons.push(copyButton);
    const label = language && language !== 'plaintext' && language !== 'text' ? language : '';
    const bar = h('div', { class: 'code-bar' }, h('span', { class: 'code-lang' }, label), status, h('span', { class: 'code-actions' }, ...buttons));
    const block = h('div', { class: 'code-block', 'data-runnable': command.runnable ? 'true' : 'false', 'data-language': language });
    pre.replaceWith(block);
    block.append(bar, pre);
  }
}
