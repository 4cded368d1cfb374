import { randomInt } from 'node:crypto';
import type { Allocators } from './registry/strategy.ts';
import type { ObjectStore } from './storage/object-store.ts';

/** EKS's default service range when none is chosen: 10.100.0.0/16 (172.20.0.0/16 when the VPC uses 10.x). */
export const SERVICE_CIDR_BASE = [10, 100];

/**
 * ClusterIP and NodePort allocation, rebuilt from the stored Services when a cluster is loaded
 * so that a restart never hands out an address twice.
 */
export function createAllocators(store: ObjectStore): Allocators {
  const usedIPs = new Set<string>();
  const usedPorts = new Set<number>();
  for (const svc of store.list({ group: '', resource: 'services' })) {
    const spec = (svc as { spec?: { clusterIPs?: string[]; clusterIP?: string; ports?: { nodePort?: number }[] } }).spec;
    for (const ip of spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : [])) usedIPs.add(ip);
    for (const p of spec?.ports ?? []) if (p.nodePort) usedPorts.add(p.nodePort);
  }
  return {
    clusterIP() {
      for (let attempt = 0; attempt < 65_000; attempt++) {
        const third = randomInt(0, 256);
        const fourth = randomInt(1, 255);
        const ip = `${SERVICE_CIDR_BASE[0]}.${SERVICE_CIDR_BASE[1]}.${third}.${fourth}`;
        // .0.1 is the kubernetes Service and .0.10 kube-dns, as on EKS.
        if (third === 0 && (fourth === 1 || fourth === 10)) continue;
        if (!usedIPs.has(ip)) {
          usedIPs.add(ip);
          return ip;
        }
      }
      throw new Error('the service IP range is exhausted');
    },
    reserveClusterIP(ip) {
      if (usedIPs.has(ip)) return false;
      usedIPs.add(ip);
      return true;
    },
    releaseClusterIP(ip) {
      usedIPs.delete(ip);
    },
    nodePort() {
      for (let attempt = 0; attempt < 10_000; attempt++) {
        const port = randomInt(30000, 32768);
        if (!usedPorts.has(port)) {
          usedPorts.add(port);
          return port;
        }
      }
      throw new Error('the NodePort range is exhausted');
    },
    reserveNodePort(port) {
      if (usedPorts.has(port)) return false;
      usedPorts.add(port);
      return true;
    },
    releaseNodePort(port) {
      usedPorts.delete(port);
    },
  };
}
