/**
 * The first program inside a sandbox (pure: the script and its argv). It starts the forwarder from the
 * sandbox's loopback to the cluster API socket, waits (bounded) until it listens, then `exec`s the
 * shell or command, which thus runs as pid 2 under bwrap's init.
 *
 * The forwarder runs in a session of its own, so Ctrl-C or Ctrl-Z at the prompt never reach it.
 */
import { SANDBOX_API_PORT, SANDBOX_API_SOCKET } from './layout.ts';
import type { HostTools } from './launcher.ts';

/** `0100007F:192B` is 127.0.0.1:6443 as /proc/net/tcp writes it; `0A` is LISTEN. */
const LISTEN_ADDRESS = `0100007F:${SANDBOX_API_PORT.toString(16).toUpperCase().padStart(4, '0')}`;

/** Spins briefly, then sleeps 10 ms at a time; gives up after ~1 s and lets the command start anyway. */
function initScript(tools: Pick<HostTools, 'socat' | 'setsid'>): string {
  return [
    `if [ -S ${SANDBOX_API_SOCKET} ]; then`,
    `  ${tools.setsid} ${tools.socat} TCP-LISTEN:${SANDBOX_API_PORT},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:${SANDBOX_API_SOCKET} </dev/null >/dev/null 2>&1 &`,
    '  i=0',
    '  while [ $i -lt 150 ]; do',
    `    while read -r sl addr peer st rest; do [ "$addr" = ${LISTEN_ADDRESS} ] && [ "$st" = 0A ] && break 2; done < /proc/net/tcp`,
    '    i=$((i+1)); [ $i -gt 50 ] && sleep 0.01',
    '  done',
    'fi',
    'exec "$@"',
  ].join('\n');
}

/** The argv bwrap runs: the init script, then `command` in its place. */
export function innerCommand(tools: Pick<HostTools, 'socat' | 'setsid'>, command: string[]): string[] {
  return ['/bin/sh', '-c', initScript(tools), 'podium-init', ...command];
}
