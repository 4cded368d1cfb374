import { describe, expect, test } from 'vitest';
import { decodeFrame, encodeFrame, EXEC_PROTOCOLS, negotiate, offeredProtocols } from './channels.ts';
import { statusJson } from '../session/status.ts';

describe('channel subprotocols', () => {
  test('the client’s first supported offer wins; unknown offers get nothing', () => {
    expect(negotiate(offeredProtocols('v5.channel.k8s.io'), EXEC_PROTOCOLS)?.name).toBe('v5.channel.k8s.io');
    expect(negotiate(offeredProtocols('v4.channel.k8s.io, v5.channel.k8s.io'), EXEC_PROTOCOLS)?.name).toBe('v4.channel.k8s.io');
    expect(negotiate(offeredProtocols('v9.channel.k8s.io'), EXEC_PROTOCOLS)).toBeUndefined();
  });

  test('binary frames carry the channel byte; base64 frames an ASCII digit', () => {
    const v5 = EXEC_PROTOCOLS[0]!;
    expect(encodeFrame(v5, 1, Buffer.from('hi'))).toEqual(Buffer.from([1, 104, 105]));
    expect(decodeFrame(v5, Buffer.from([255, 0]))).toEqual({ channel: 255, data: Buffer.from([0]) });
    const b64 = EXEC_PROTOCOLS.find((p) => p.name === 'v4.base64.channel.k8s.io')!;
    expect(encodeFrame(b64, 1, Buffer.from('hi'))).toBe('1aGk=');
    expect(decodeFrame(b64, Buffer.from('0Zm9vCg=='))).toEqual({ channel: 0, data: Buffer.from('foo\n') });
  });
});

describe('exit statuses on the error channel', () => {
  test('success and non-zero exit codes, as the API server’s stream translator writes them', () => {
    expect(statusJson({ kind: 'success' }, true)).toEqual({ metadata: {}, status: 'Success' });
    expect(statusJson({ kind: 'exit', code: 3, command: ['sh', '-c', 'exit 3'] }, true)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    expect(statusJson({ kind: 'exit', code: 3, command: ['sh', '-c', 'exit 3'] }, false).message).toBe("command terminated with non-zero exit code: command 'sh -c exit 3' exited with 3: ");
  });
});
