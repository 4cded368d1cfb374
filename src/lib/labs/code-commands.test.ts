import { describe, expect, it } from 'vitest';
import { codeCommand, isShellLanguage, terminalInput } from './code-commands.ts';

describe('codeCommand', () => {
  it('runs a shell block as written', () => {
    expect(codeCommand('kubectl get pods\n', 'sh')).toEqual({ runnable: true, run: 'kubectl get pods', copy: 'kubectl get pods' });
  });

  it('keeps every line of a multi-line block, continuations included', () => {
    const text = 'kubectl create deployment web \\\n  --image=nginx:1.27\nkubectl get deploy\n';
    expect(codeCommand(text, 'bash').run).toBe('kubectl create deployment web \\\n  --image=nginx:1.27\nkubectl get deploy');
  });

  it('takes only the commands of a console transcript, without prompts or output', () => {
    const text = '$ kubectl get pods\nNAME   READY\nweb-1  1/1\n$ kubectl scale deployment web \\\n> --replicas=3\ndeployment.apps/web scaled\n';
    expect(codeCommand(text, 'console')).toEqual({
      runnable: true,
      run: 'kubectl get pods\nkubectl scale deployment web \\\n--replicas=3',
      copy: 'kubectl get pods\nkubectl scale deployment web \\\n--replicas=3',
    });
  });

  it('strips prompts in a sh block that has them', () => {
    expect(codeCommand('$ echo hi\n$ echo there', 'sh').run).toBe('echo hi\necho there');
  });

  it('only copies other languages', () => {
    expect(codeCommand('spec:\n  replicas: 3\n', 'yaml')).toEqual({ runnable: false, run: '', copy: 'spec:\n  replicas: 3' });
    expect(codeCommand('anything', undefined).runnable).toBe(false);
    expect(codeCommand('plain', 'plaintext').runnable).toBe(false);
  });

  it('does not run an empty block', () => {
    expect(codeCommand('\n\n', 'sh').runnable).toBe(false);
    expect(codeCommand('NAME READY\n', 'console').runnable).toBe(false);
  });

  it('knows the shell languages', () => {
    expect(['sh', 'bash', 'Shell', 'zsh', 'console', 'shellsession'].every((l) => isShellLanguage(l))).toBe(true);
    expect(isShellLanguage('yaml')).toBe(false);
  });

  it('types each line and Enter into the terminal', () => {
    expect(terminalInput('a\nb')).toBe('a\rb\r');
  });
});
