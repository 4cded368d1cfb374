/**
 * The files every sandbox gets that are not the host's: its own /etc/passwd, group, hosts and
 * nsswitch.conf, and the bash rc of the learner's shell. Pure: contents only; the same for every
 * learner (the lab appears through the host name), so they are written once per driver.
 */
import { PROMPT_MARKER } from '../prompt-marker.ts';
import { SANDBOX_HOME, SANDBOX_UID, SANDBOX_USER } from './layout.ts';

export interface GeneratedFile {
  /** Path inside the sandbox. */
  target: string;
  content: string;
}

const PROMPT_PRINTF = PROMPT_MARKER.replace('\x1b', '\\033').replace('\x07', '\\007');

/** The learner's interactive shell: history kept in the home and appended after every command. */
export function bashrc(opts: { completion?: string }): string {
  return [
    '# Podium: the learner\'s shell (generated, read-only). Your own ~/.bashrc is read too.',
    'HISTFILE=~/.bash_history',
    'HISTSIZE=5000',
    'HISTFILESIZE=20000',
    'HISTCONTROL=ignorespace',
    'shopt -s histappend checkwinsize',
    `PS1='${SANDBOX_USER}@\\h:\\w\\$ '`,
    "alias ls='ls --color=auto' grep='grep --color=auto'",
    ...(opts.completion ? [`[ -r ${opts.completion} ] && . ${opts.completion} && alias k=kubectl && complete -o default -F __start_kubectl k`] : []),
    '[ -r ~/.bashrc ] && . ~/.bashrc',
    // The marker tells the server a prompt is showing; `history -a` makes every command visible to checks.
    `__podium_prompt() { local s=$?; history -a; printf '${PROMPT_PRINTF}'; return $s; }`,
    'PROMPT_COMMAND="__podium_prompt${PROMPT_COMMAND:+; $PROMPT_COMMAND}"',
    '',
  ].join('\n');
}

export function etcFiles(): GeneratedFile[] {
  return [
    {
      target: '/etc/passwd',
      content: `root:x:0:0:root:/root:/usr/sbin/nologin\n${SANDBOX_USER}:x:${SANDBOX_UID}:${SANDBOX_UID}:${SANDBOX_USER}:${SANDBOX_HOME}:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    },
    { target: '/etc/group', content: `root:x:0:\n${SANDBOX_USER}:x:${SANDBOX_UID}:\nnogroup:x:65534:\n` },
    { target: '/etc/hosts', content: '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' },
    // Files only: no NSS module may go looking for systemd, LDAP or the network.
    { target: '/etc/nsswitch.conf', content: 'passwd: files\ngroup: files\nshadow: files\nhosts: files\nnetworks: files\nprotocols: files\nservices: files\n' },
  ];
}

/** Host files and folders under /etc that sandboxes see read-only (each skipped when absent). */
export const HOST_ETC = [
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/alternatives',
  '/etc/ld.so.cache',
  '/etc/localtime',
  '/etc/os-release',
  '/etc/inputrc',
  '/etc/vim',
  '/etc/protocols',
  '/etc/services',
  '/etc/mime.types',
];
