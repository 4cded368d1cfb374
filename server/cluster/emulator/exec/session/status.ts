/**
 * How an exec ends, as the Status kubectl reads from the error channel. With `v5.channel.k8s.io` the API server
 * translates the kubelet's SPDY stream, so its own failures come wrapped as `Internal error occurred: …`
 * (apiserver `pkg/util/proxy/streamtranslator.go`); older protocols reach the kubelet's messages directly.
 */

export type ExecStatus =
  | { kind: 'success' }
  | { kind: 'exit'; code: number; command: string[] }
  | { kind: 'internal'; message: string };

export interface StatusJson {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: { reason?: string; message: string }[] };
  code?: number;
}

/** `translated`: the v5 path through the API server's stream translator. */
export function statusJson(s: ExecStatus, translated: boolean): StatusJson {
  switch (s.kind) {
    case 'success':
      return { metadata: {}, status: 'Success' };
    case 'exit': {
      const cause = translated ? `command terminated with exit code ${s.code}` : `command '${s.command.join(' ')}' exited with ${s.code}: `;
      return {
        metadata: {},
        status: 'Failure',
        message: `command terminated with non-zero exit code: ${cause}`,
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: String(s.code) }] },
      };
    }
    case 'internal':
      return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${s.message}`, reason: 'InternalError', details: { causes: [{ message: s.message }] }, code: 500 };
  }
}

/** v1–v3 error channel: the message text, nothing on success. */
export function statusText(s: ExecStatus, translated: boolean): string | undefined {
  return s.kind === 'success' ? undefined : statusJson(s, translated).message;
}

/** The kubelet's answer when the container is not running (not created yet, or exited). */
export function containerNotFound(container: string, translated: boolean): ExecStatus {
  const kubelet = `container not found ("${container}")`;
  return { kind: 'internal', message: translated ? `unable to upgrade connection: ${kubelet}` : kubelet };
}

/** containerd/runc's failure to start the exec'd process (e.g. no such executable). */
export function startFailed(execId: string, reason: string, translated: boolean): ExecStatus {
  const kubelet = `error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${reason}: unknown`;
  return { kind: 'internal', message: translated ? `Internal error occurred: ${kubelet}` : kubelet };
}
