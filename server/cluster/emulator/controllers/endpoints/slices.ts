/**
 * The EndpointSlice controller: for every Service with a selector, EndpointSlices `<service>-<5 chars>`
 * labelled `kubernetes.io/service-name` and managed by `endpointslice-controller.k8s.io`, owned by the
 * Service, listing each selected pod with an IP (terminating ones included) with the ready / serving /
 * terminating conditions, nodeName, zone and targetRef; one slice per distinct port set, at most 100
 * endpoints each. A Service without endpoints keeps one empty placeholder slice.
 */
import type { StoreEvent } from '../../storage/object-store.ts';
import { ignoreNotFound, TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { controllerOf, controllerRef, key, objectKey, podIP, semanticEqual, splitKey } from '../shared/objects.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import type { Pod, StoredObject } from '../shared/types.ts';
import {
  compareIP,
  findPort,
  HEADLESS_LABEL,
  hostnameFor,
  isHeadless,
  isPodReady,
  lastChangeTriggerTime,
  managedService,
  selectedPods,
  servicesSelecting,
  shouldBeInEndpoints,
  TRIGGER_TIME_ANNOTATION,
  type Service,
} from './service.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;
const ZONE_LABEL = 'topology.kubernetes.io/zone';

interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  zone?: string;
}
interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
type EndpointSlice = StoredObject & { addressType?: string; endpoints?: SliceEndpoint[] | null; ports?: SlicePort[] };

export class EndpointSliceController extends ReconcileLoop {
  readonly name = 'endpointslice-controller';
  private services!: TypedClient<Service>;
  private pods!: TypedClient<Pod>;
  private nodes!: TypedClient<StoredObject>;
  private slices!: TypedClient<EndpointSlice>;

  protected override setup(): void {
    const { api, store, registry } = this.ctx;
    this.services = new TypedClient(api, store, defOf(registry, 'services'));
    this.pods = new TypedClient(api, store, defOf(registry, 'pods'));
    this.nodes = new TypedClient(api, store, defOf(registry, 'nodes'));
    this.slices = new TypedClient(api, store, defOf(registry, 'endpointslices'));
  }

  protected initialKeys(): string[] {
    return this.services.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('services'))) this.queue.add(objectKey(e.object));
    else if (sameKey(e.key, storageOf('endpointslices'))) {
      const svc = e.object.metadata.labels?.[SERVICE_NAME_LABEL];
      if (svc && e.object.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME && e.type !== 'ADDED') this.queue.add(key(e.object.metadata.namespace, svc));
    } else if (sameKey(e.key, storageOf('pods'))) {
      for (const svc of servicesSelecting(this.services.list(e.object.metadata.namespace), e.object, e.previous)) this.queue.add(objectKey(svc));
    } else if (sameKey(e.key, storageOf('nodes'))) {
      for (const svc of this.services.list()) if (managedService(svc)) this.queue.add(objectKey(svc));
    }
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const svc = this.services.get(namespace, name);
    const existing = this.slices
      .list(namespace)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    if (!svc || svc.spec?.type === 'ExternalName') {
      for (const s of existing) this.remove(s);
      return;
    }
    if (!managedService(svc)) return;
    const pods = selectedPods(svc, this.pods.list(namespace));
    const desired = this.desiredSlices(svc, pods);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: CONTROLLER_NAME };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    const trigger = lastChangeTriggerTime(svc, pods);
    const owned = existing.filter((s) => controllerOf(s)?.uid === svc.metadata.uid);
    for (const s of existing) if (!owned.includes(s)) this.remove(s);
    desired.forEach((d, i) => {
      const current = owned[i];
      if (current) {
        if (semanticEqual(current.endpoints, d.endpoints) && semanticEqual(current.ports, d.ports) && semanticEqual(current.metadata.labels, labels)) return;
        this.slices.update(current, (o) => {
          o.metadata.labels = labels;
          if (trigger) o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: trigger };
          o.endpoints = d.endpoints;
          if (d.ports.length) o.ports = d.ports;
          else delete o.ports;
        });
        return;
      }
      this.slices.create(namespace, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${name}-`,
          namespace,
          labels,
          ...(trigger ? { annotations: { [TRIGGER_TIME_ANNOTATION]: trigger } } : {}),
          ownerReferences: [controllerRef(svc)],
        },
        addressType: 'IPv4',
        endpoints: d.endpoints,
        ...(d.ports.length ? { ports: d.ports } : {}),
      });
    });
    for (const s of owned.slice(desired.length)) this.remove(s);
  }

  /** Endpoints grouped by the ports they resolve to; one empty placeholder when there are none. */
  private desiredSlices(svc: Service, pods: Pod[]): { endpoints: SliceEndpoint[]; ports: SlicePort[] }[] {
    const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
    for (const pod of pods) {
      if (!shouldBeInEndpoints(pod, true)) continue;
      const ports: SlicePort[] = [];
      for (const sp of svc.spec?.ports ?? []) {
        const num = findPort(pod, sp);
        if (num === undefined) continue;
        ports.push({ name: sp.name ?? '', port: num, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      const terminating = !!pod.metadata.deletionTimestamp;
      const serving = publishNotReady || isPodReady(pod);
      const hostname = hostnameFor(pod, svc);
      const zone = pod.spec?.nodeName ? this.nodes.get(undefined, pod.spec.nodeName)?.metadata.labels?.[ZONE_LABEL] : undefined;
      const ep: SliceEndpoint = {
        addresses: [podIP(pod)!],
        conditions: { ready: serving && (!terminating || publishNotReady), serving, terminating },
        ...(hostname ? { hostname } : {}),
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid },
        ...(zone ? { zone } : {}),
      };
      const k = JSON.stringify(ports);
      const g = groups.get(k) ?? { ports, endpoints: [] };
      g.endpoints.push(ep);
      groups.set(k, g);
    }
    const out: { endpoints: SliceEndpoint[]; ports: SlicePort[] }[] = [];
    for (const g of groups.values()) {
      g.endpoints.sort((a, b) => compareIP(a.addresses[0]!, b.addresses[0]!));
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
    return out.length ? out : [{ endpoints: [], ports: [] }];
  }

  private remove(s: EndpointSlice): void {
    ignoreNotFound(() => this.slices.delete(s));
  }
}
