/** EC2 instance types as data, and what an EKS node of each type reports: capacity, allocatable, max pods. */
import { DataError, loadYaml } from '../node-sim/data-file.ts';

export interface InstanceType {
  name: string;
  vcpu: number;
  memoryMiB: number;
  /** Memory the kubelet reports as capacity, in KiB. */
  capacityKi: number;
  enis: number;
  ipv4PerEni: number;
  arch: 'amd64' | 'arm64';
  hypervisor: 'nitro' | 'xen';
}

const FIELDS = ['vcpu', 'memoryMiB', 'capacityKi', 'enis', 'ipv4PerEni'] as const;

function check(raw: unknown, file: string): Map<string, InstanceType> {
  if (!raw || typeof raw !== 'object') throw new DataError(file, '(root)', 'expected a map of instance types');
  const out = new Map<string, InstanceType>();
  for (const [name, value] of Object.entries(raw as Record<string, Record<string, unknown>>)) {
    for (const f of FIELDS) {
      if (typeof value[f] !== 'number' || value[f] <= 0) throw new DataError(file, name, `${f} must be a positive number`);
    }
    out.set(name, { name, ...(value as Omit<InstanceType, 'name'>) });
  }
  return out;
}

const table = () => loadYaml(new URL('./instance-types.yaml', import.meta.url), check);

export function instanceType(name: string): InstanceType {
  const t = table().get(name);
  if (!t) throw new Error(`unknown instance type "${name}"; known: ${[...table().keys()].join(', ')}`);
  return t;
}

export function knownInstanceTypes(): string[] {
  return [...table().keys()];
}

/** The VPC CNI's limit: one IP per secondary address of every ENI, plus two host-network pods. */
export const maxPods = (t: InstanceType) => t.enis * (t.ipv4PerEni - 1) + 2;

/**
 * kube-reserved CPU of the EKS AMIs: 6 % of the first core, 1 % of the second, 0.5 % of the third and fourth,
 * 0.25 % of every core above four (millicores, integer arithmetic as the bootstrap scripts do).
 */
export function reservedMilliCpu(vcpu: number): number {
  const total = vcpu * 1000;
  const tiers: [number, number, number][] = [
    [0, 1000, 600],
    [1000, 2000, 100],
    [2000, 4000, 50],
    [4000, Infinity, 25],
  ];
  let reserved = 0;
  for (const [start, end, basisPoints] of tiers) {
    if (total > start) reserved += Math.floor(((Math.min(total, end) - start) * basisPoints) / 10_000);
  }
  return reserved;
}

/** kube-reserved memory of the EKS AMIs in MiB: 255 plus 11 per pod the node may run. */
export const reservedMemoryMiB = (pods: number) => 255 + 11 * pods;

export const EVICTION_HARD_MEMORY_MIB = 100;
const GIB = 1024 ** 3;

/** The root volume as the kubelet sees it: a little less than the EBS size once formatted (KiB). */
export const ephemeralCapacityKi = (diskGiB: number) => Math.round((diskGiB * 20_893_676) / 20);

export interface NodeResources {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
}

/**
 * Capacity and allocatable of a node: allocatable = capacity − kube-reserved − hard eviction threshold
 * (memory.available 100Mi; nodefs.available 10 %, computed with a float32 percentage as the kubelet does;
 * 1Gi of ephemeral storage kube-reserved).
 */
export function nodeResources(t: InstanceType, diskGiB = 20): NodeResources {
  const pods = maxPods(t);
  const memoryKi = t.capacityKi;
  const allocMemKi = memoryKi - (reservedMemoryMiB(pods) + EVICTION_HARD_MEMORY_MIB) * 1024;
  const ephemeralKi = ephemeralCapacityKi(diskGiB);
  const ephemeralBytes = ephemeralKi * 1024;
  const evictionBytes = Math.trunc(ephemeralBytes * Math.fround(0.1));
  const allocEphemeral = ephemeralBytes - GIB - evictionBytes;
  const sorted = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));
  const common = { 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', pods: String(pods) };
  return {
    capacity: sorted({ cpu: String(t.vcpu), 'ephemeral-storage': `${ephemeralKi}Ki`, ...common, memory: `${memoryKi}Ki` }),
    allocatable: sorted({
      cpu: `${t.vcpu * 1000 - reservedMilliCpu(t.vcpu)}m`,
      'ephemeral-storage': String(allocEphemeral),
      ...common,
      memory: `${allocMemKi}Ki`,
    }),
  };
}
