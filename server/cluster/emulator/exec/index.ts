/**
 * Exec, attach, port-forward and the API server's proxy for the emulated clusters.
 *
 *   handler.ts     createExecServices: the runtime's UpgradeHandler for pods/exec|attach|portforward, and its
 *                  ProxyHandler for pods|services|nodes/proxy (network/api-proxy.ts)
 *   deps.ts        what a cluster hands in (ExecDeps) and the shared World built from it
 *   session/       exec and attach sessions, the API server's checks, the Status values kubectl reads
 *   transport/     WebSocket channel protocols (v1–v5), exec over SPDY, plain HTTP refusals
 *   spdy/          a SPDY/3.1 server connection: framing and header compression
 *   portforward/   port-forward over SPDY (in a WebSocket, or not) and the kubelet's channel protocol
 *   container/     a container as an exec sees it: image profiles, files, environment, volumes
 *   network/       cluster DNS, Service routing, what each image's server answers
 *   shell/         the simulated shell and programs, pure logic over a ContainerSystem
 */
export { createExecServices, createExecUpgradeHandler } from './handler.ts';
export type { ExecDeps } from './deps.ts';
export { LayerStore } from './container/layers.ts';
export type { ImageSource } from './container/image.ts';
export type { TokenRequest, TokenSource } from './container/volumes.ts';
export type { HttpRequest, HttpResponse } from './http-message.ts';
export type { ServedRequest } from './network/routing.ts';
export type { ProcessFiles } from './container/process-files.ts';
