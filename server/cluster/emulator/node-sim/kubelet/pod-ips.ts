/**
 * Pod IPs as the VPC CNI hands them out: secondary addresses of the node's ENIs, which come from the node's
 * own subnet (eksctl's /19 per zone), so a pod on ip-192-168-12-34 gets something like 192.168.25.117.
 */
import type { StoredObject } from '../../meta/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { addressIn } from '../../bootstrap/network.ts';
import { list, rec, str } from '../json.ts';
import { rngFor } from '../random.ts';

/** The node's subnet: the /19 around its address inside 192.168.0.0/16 (eksctl's layout), a /20 elsewhere. */
export function nodeSubnet(nodeIp: string): string {
  const [a, b, c] = nodeIp.split('.').map(Number) as [number, number, number];
  const prefix = a === 192 && b === 168 ? 19 : 20;
  const size = 2 ** (24 - prefix);
  return `${a}.${b}.${c - (c % size)}.0/${prefix}`;
}

export function allocatePodIP(store: ObjectStore, pod: StoredObject, node: StoredObject, seed: string): string {
  const nodeIp = str(list(rec(node.status).addresses).find((x) => x.type === 'InternalIP')?.address);
  const used = new Set<string>();
  for (const n of store.list({ group: '', resource: 'nodes' })) {
    for (const a of list(rec(n.status).addresses)) if (a.type === 'InternalIP') used.add(str(a.address));
  }
  for (const p of store.list({ group: '', resource: 'pods' })) {
    const phase = str(rec(p.status).phase);
    if (phase !== 'Succeeded' && phase !== 'Failed' && rec(p.status).podIP) used.add(str(rec(p.status).podIP));
  }
  const rng = rngFor(seed, 'pod-ip', node.metadata.name, `${pod.metadata.namespace}/${pod.metadata.name}`);
  return addressIn(nodeSubnet(nodeIp || '192.168.0.10'), rng, used);
}
