/** Plain HTTP answers written on a socket whose upgrade is refused. */
import type { Duplex } from 'node:stream';
import { ApiError } from '../../meta/errors.ts';

/** A Status body with the error's code, as the API server answers a failed request. */
export function replyError(socket: Duplex, err: unknown): void {
  const apiError = err instanceof ApiError ? err : new ApiError(500, 'InternalError', `Internal error occurred: ${String(err)}`);
  const body = JSON.stringify(apiError.toStatus());
  const reasonPhrase = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[apiError.code] ?? apiError.reason;
  write(socket, `HTTP/1.1 ${apiError.code} ${reasonPhrase}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** `403 Forbidden` with no body: what the WebSocket handshake answers when no offered subprotocol is supported. */
export function replyForbidden(socket: Duplex): void {
  write(socket, 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
}

/** A plain-text error, as the kubelet writes them (`container not found ("app")`). */
export function replyText(socket: Duplex, code: number, text: string): void {
  const reasonPhrase = { 403: 'Forbidden', 500: 'Internal Server Error' }[code] ?? 'Error';
  write(socket, `HTTP/1.1 ${code} ${reasonPhrase}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

function write(socket: Duplex, text: string): void {
  if (socket.destroyed) return;
  socket.end(text);
}
