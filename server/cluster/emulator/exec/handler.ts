/**
 * The `pods/exec`, `pods/attach` and `pods/portforward` upgrade handler of an emulated cluster (the runtime's
 * `UpgradeHandler`, called after authentication and authorization). Refusals are written as the API server
 * writes them: a Status with its HTTP code.
 */
import type { ProxyHandler, UpgradeHandler } from '../apiserver/http/runtime.ts';
import { routingDeps } from './container/container-system.ts';
import { createProcessNetwork, type ProcessNetwork } from './container/process-network.ts';
import type { World } from './container/world.ts';
import { proxyRequest } from './network/api-proxy.ts';
import { errors } from '../meta/errors.ts';
import { buildWorld, type ExecDeps } from './deps.ts';
import { startPortForward } from './portforward/upgrade.ts';
import { startExecUpgrade } from './session/exec-upgrade.ts';
import { portForwardTarget } from './session/target.ts';
import { replyError } from './transport/http-reply.ts';
import { createWebSocketUpgrader } from './transport/ws-upgrade.ts';

export function createExecUpgradeHandler(deps: ExecDeps): UpgradeHandler {
  return createExecServices(deps).upgrade;
}

/**
 * The upgrade handler, the API server's proxy and the network of containers' own processes of one cluster,
 * over one simulated network.
 */
export function createExecServices(deps: ExecDeps): { upgrade: UpgradeHandler; proxy: ProxyHandler; processNetwork: ProcessNetwork } {
  const world = buildWorld(deps);
  const routing = routingDeps(world);
  return { upgrade: upgradeHandler(world, deps), proxy: (request) => proxyRequest(routing, request), processNetwork: createProcessNetwork(world) };
}

function upgradeHandler(world: World, deps: ExecDeps): UpgradeHandler {
  const upgradeWebSocket = createWebSocketUpgrader();
  return ({ req, socket, head, namespace, pod: name, subresource, query }) => {
    try {
      const pod = world.reader.pod(namespace, name);
      if (!pod) throw errors.notFound({ group: '', resource: 'pods' }, name);
      if (subresource === 'portforward') {
        const refused = portForwardTarget(pod);
        if (refused) throw refused;
        return startPortForward({ world, req, socket, head, pod, query, upgradeWebSocket });
      }
      startExecUpgrade({ world, hooks: deps, upgradeWebSocket, req, socket, head, pod, subresource, query });
    } catch (err) {
      replyError(socket, err);
    }
  };
}
