/** The prompt an interactive shell prints, as each image's shell and its start-up files set it. */
import type { ShellFlavour } from './system.ts';

export interface PromptInput {
  flavour: ShellFlavour;
  /** `debian`: /etc/bash.bashrc sets `\u@\h:\w\$ `; `plain`: bash's built-in `\s-\v\$ `. */
  bashStyle: 'debian' | 'plain';
  bashVersion: string;
  user: string;
  uid: number;
  hostname: string;
  cwd: string;
  home: string;
}

const tilde = (cwd: string, home: string) => (home !== '/' && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd);

export function prompt(p: PromptInput): string {
  const sign = p.uid === 0 ? '#' : '$';
  switch (p.flavour) {
    case 'ash':
      return `${tilde(p.cwd, p.home)} ${sign} `;
    case 'dash':
      return `${sign} `;
    case 'bash':
      if (p.bashStyle === 'debian') return `${p.user}@${p.hostname.split('.')[0]}:${tilde(p.cwd, p.home)}${sign} `;
      return `bash-${p.bashVersion}${sign} `;
  }
}
