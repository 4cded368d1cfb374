/**
 * The Kubernetes channel subprotocols over WebSocket (apimachinery `wsstream`): each message starts with its channel
 * (a byte, or an ASCII digit with base64 payloads). v1/v2 carry errors as text, v3 adds the resize channel, v4
 * sends a JSON Status on the error channel, v5 adds the close signal (channel 255) for half-closing stdin.
 */

export interface ChannelProtocol {
  name: string;
  base64: boolean;
  /** The error channel carries a JSON Status (v4+) rather than text. */
  statusJson: boolean;
  /** v5: `[255, n]` from the client closes its channel n. */
  closeSignal: boolean;
}

const P = (name: string, base64: boolean, statusJson: boolean, closeSignal: boolean): ChannelProtocol => ({ name, base64, statusJson, closeSignal });

/** What exec and attach accept. kubectl 1.32 offers only `v5.channel.k8s.io`. */
export const EXEC_PROTOCOLS: ChannelProtocol[] = [
  P('v5.channel.k8s.io', false, true, true),
  P('v4.channel.k8s.io', false, true, false),
  P('v4.base64.channel.k8s.io', true, true, false),
  P('v3.channel.k8s.io', false, false, false),
  P('v2.channel.k8s.io', false, false, false),
  P('channel.k8s.io', false, false, false),
  P('base64.channel.k8s.io', true, false, false),
];

/** The kubelet's WebSocket port-forward: a data and an error channel per port. */
export const PORTFORWARD_CHANNEL_PROTOCOLS: ChannelProtocol[] = [P('v4.channel.k8s.io', false, false, false), P('v4.base64.channel.k8s.io', true, false, false)];

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

export function offeredProtocols(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The first protocol the client offers that the server supports (the client's order wins, as in wsstream). No offer means raw `channel.k8s.io`. */
export function negotiate(offered: string[], supported: ChannelProtocol[]): ChannelProtocol | undefined {
  if (offered.length === 0) return { ...supported.find((p) => !p.base64)!, name: '' };
  for (const o of offered) {
    const p = supported.find((s) => s.name === o);
    if (p) return p;
  }
  return undefined;
}

export function encodeFrame(p: ChannelProtocol, channel: number, data: Buffer): Buffer | string {
  if (p.base64) return String.fromCharCode(48 + channel) + data.toString('base64');
  return Buffer.concat([Buffer.from([channel]), data]);
}

export function decodeFrame(p: ChannelProtocol, message: Buffer): { channel: number; data: Buffer } | undefined {
  if (message.length === 0) return undefined;
  if (p.base64) {
    const text = message.toString('latin1');
    return { channel: text.charCodeAt(0) - 48, data: Buffer.from(text.slice(1), 'base64') };
  }
  return { channel: message[0]!, data: message.subarray(1) };
}
