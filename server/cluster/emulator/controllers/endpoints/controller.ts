/**
 * The Endpoints controller: for every Service with a selector, an Endpoints object of the same name whose
 * subsets list the selected pods' IPs (ready ones under `addresses`, others under `notReadyAddresses`,
 * each with nodeName and a targetRef) and the ports the service ports resolve to on those pods.
 */
import type { StoreEvent } from '../../storage/object-store.ts';
import { ignoreNotFound, TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { objectKey, podIP, semanticEqual, splitKey } from '../shared/objects.ts';
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

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
interface Port {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: Port[];
}
type Endpoints = StoredObject & { subsets?: Subset[] };

export class EndpointsController extends ReconcileLoop {
  readonly name = 'endpoint-controller';
  private services!: TypedClient<Service>;
  private pods!: TypedClient<Pod>;
  private endpoints!: TypedClient<Endpoints>;

  protected override setup(): void {
    const { api, store, registry } = this.ctx;
    this.services = new TypedClient(api, store, defOf(registry, 'services'));
    this.pods = new TypedClient(api, store, defOf(registry, 'pods'));
    this.endpoints = new TypedClient(api, store, defOf(registry, 'endpoints'));
  }

  protected initialKeys(): string[] {
    return this.services.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('services'))) this.queue.add(objectKey(e.object));
    else if (sameKey(e.key, storageOf('endpoints')) && e.type === 'DELETED') this.queue.add(objectKey(e.object));
    else if (sameKey(e.key, storageOf('pods'))) {
      for (const svc of servicesSelecting(this.services.list(e.object.metadata.namespace), e.object, e.previous)) this.queue.add(objectKey(svc));
    }
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const svc = this.services.get(namespace, name);
    const current = this.endpoints.get(namespace, name);
    if (!svc) {
      if (current) ignoreNotFound(() => this.endpoints.delete(current));
      return;
    }
    if (!managedService(svc)) return;
    const pods = selectedPods(svc, this.pods.list(namespace));
    const subsets = repack(this.subsetsFor(svc, pods));
    const labels = { ...(svc.metadata.labels ?? {}) };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    const trigger = lastChangeTriggerTime(svc, pods);
    if (current && semanticEqual(current.subsets, subsets) && semanticEqual(current.metadata.labels, labels)) return;
    const annotations = { ...(current?.metadata.annotations ?? {}) };
    if (trigger) annotations[TRIGGER_TIME_ANNOTATION] = trigger;
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    const apply = (o: Endpoints) => {
      o.metadata.labels = labels;
      if (Object.keys(annotations).length) o.metadata.annotations = annotations;
      else delete o.metadata.annotations;
      if (subsets.length) o.subsets = subsets;
      else delete o.subsets;
    };
    if (current) {
      this.endpoints.update(current, apply);
      return;
    }
    const fresh = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } } as Endpoints;
    apply(fresh);
    this.endpoints.create(namespace, fresh);
  }

  private subsetsFor(svc: Service, pods: Pod[]): Subset[] {
    const out: Subset[] = [];
    const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
    for (const pod of pods) {
      if (!shouldBeInEndpoints(pod, tolerateUnready)) continue;
      const hostname = hostnameFor(pod, svc);
      const address: Address = {
        ip: podIP(pod)!,
        ...(hostname ? { hostname } : {}),
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid },
      };
      const ready = tolerateUnready || isPodReady(pod);
      const ports = svc.spec?.ports ?? [];
      if (ports.length === 0) {
        if (isHeadless(svc)) out.push(ready ? { addresses: [address] } : { notReadyAddresses: [address] });
        continue;
      }
      for (const sp of ports) {
        const num = findPort(pod, sp);
        if (num === undefined) continue;
        const port: Port = { ...(sp.name ? { name: sp.name } : {}), port: num, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) };
        out.push(ready ? { addresses: [address], ports: [port] } : { notReadyAddresses: [address], ports: [port] });
      }
    }
    return out;
  }

}

/** Merges subsets with the same ports, then sorts addresses by IP and ports by name and number (`RepackSubsets`). */
export function repack(subsets: Subset[]): Subset[] {
  const byPorts = new Map<string, { ports: Port[]; ready: Map<string, Address>; notReady: Map<string, Address> }>();
  for (const s of subsets) {
    const ports = [...(s.ports ?? [])].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const k = JSON.stringify(ports);
    let group = byPorts.get(k);
    if (!group) byPorts.set(k, (group = { ports, ready: new Map(), notReady: new Map() }));
    for (const a of s.addresses ?? []) group.ready.set(addrKey(a), a);
    for (const a of s.notReadyAddresses ?? []) if (!group.ready.has(addrKey(a))) group.notReady.set(addrKey(a), a);
  }
  const sortAddrs = (m: Map<string, Address>) => [...m.values()].sort((a, b) => compareIP(a.ip, b.ip) || (a.targetRef.uid < b.targetRef.uid ? -1 : 1));
  return [...byPorts.values()]
    .map((g) => ({
      ...(g.ready.size ? { addresses: sortAddrs(g.ready) } : {}),
      ...(g.notReady.size ? { notReadyAddresses: sortAddrs(g.notReady) } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    }))
    .sort((a, b) => JSON.stringify(a.ports ?? []).localeCompare(JSON.stringify(b.ports ?? [])));
}

const addrKey = (a: Address) => `${a.ip}/${a.targetRef.uid}`;

