import type { ControllerContext } from '../controllers/types.ts';
import type { Registry } from '../registry/registry.ts';
import type { ResourceDef } from '../registry/types.ts';

/** The resource definitions the node simulation reads and writes, looked up once per controller start. */
export interface SimResources {
  pods: ResourceDef;
  nodes: ResourceDef;
  events: ResourceDef;
  leases: ResourceDef;
  pvcs: ResourceDef;
  pvs: ResourceDef;
  storageClasses: ResourceDef;
  csiDrivers: ResourceDef;
  configMaps: ResourceDef;
  secrets: ResourceDef;
  priorityClasses: ResourceDef;
}

export function simResources(ctx: ControllerContext): SimResources {
  return simResourcesOf(ctx.registry);
}

export function simResourcesOf(registry: Registry): SimResources {
  const r = (group: string, version: string, resource: string): ResourceDef => {
    const def = registry.lookup(group, version, resource);
    if (!def) throw new Error(`node simulation: the cluster does not serve ${group || 'core'}/${version} ${resource}`);
    return def;
  };
  return {
    pods: r('', 'v1', 'pods'),
    nodes: r('', 'v1', 'nodes'),
    events: r('', 'v1', 'events'),
    leases: r('coordination.k8s.io', 'v1', 'leases'),
    pvcs: r('', 'v1', 'persistentvolumeclaims'),
    pvs: r('', 'v1', 'persistentvolumes'),
    storageClasses: r('storage.k8s.io', 'v1', 'storageclasses'),
    csiDrivers: r('storage.k8s.io', 'v1', 'csidrivers'),
    configMaps: r('', 'v1', 'configmaps'),
    secrets: r('', 'v1', 'secrets'),
    priorityClasses: r('scheduling.k8s.io', 'v1', 'priorityclasses'),
  };
}
