/** The VPC an eksctl-style cluster lives in: three public and three private /19 subnets of 192.168.0.0/16, one pair per zone. */
import type { Rng } from '../node-sim/random.ts';

export interface Subnet {
  id: string;
  cidr: string;
  zone: string;
  zoneId: string;
  public: boolean;
}

export interface VpcLayout {
  vpcId: string;
  cidr: string;
  subnets: Subnet[];
  zones: string[];
  /** The Amazon-provided DNS resolver (VPC base + 2). */
  dnsResolver: string;
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseCidr(cidr: string): { base: number; prefix: number; size: number } {
  const [ip, p] = cidr.split('/');
  const prefix = Number(p);
  const size = 2 ** (32 - prefix);
  return { base: ipToInt(ip!) - (ipToInt(ip!) % size), prefix, size };
}

/** `us-west-2` → `usw2`, `ap-southeast-1` → `apse1`: the prefix of zone IDs. */
export function regionShort(region: string): string {
  const [area, direction = '', n = ''] = region.split('-');
  const d = direction.replace('north', 'n').replace('south', 's').replace('east', 'e').replace('west', 'w').replace('central', 'c');
  return `${area}${d}${n}`;
}

export function vpcLayout(region: string, cidr: string, rng: Rng, zoneCount = 3): VpcLayout {
  const { base, prefix } = parseCidr(cidr);
  const subnetPrefix = Math.min(prefix + 3, 28);
  const step = 2 ** (32 - subnetPrefix);
  const zones = ['a', 'b', 'c', 'd'].slice(0, zoneCount).map((l) => `${region}${l}`);
  const ids = rng.shuffle([1, 2, 3, 4, 5, 6]).slice(0, zoneCount);
  const subnets: Subnet[] = [];
  for (const isPublic of [true, false]) {
    zones.forEach((zone, i) => {
      const index = subnets.length;
      subnets.push({
        id: `subnet-0${rng.hex(16)}`,
        cidr: `${intToIp(base + index * step)}/${subnetPrefix}`,
        zone,
        zoneId: `${regionShort(region)}-az${ids[i]}`,
        public: isPublic,
      });
    });
  }
  return { vpcId: `vpc-0${rng.hex(16)}`, cidr, subnets, zones, dnsResolver: intToIp(base + 2) };
}

/** An address inside the subnet that is not reserved (first four, last) nor already used. */
export function addressIn(cidr: string, rng: Rng, used: Set<string>): string {
  const { base, size } = parseCidr(cidr);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const ip = intToIp(base + 4 + Math.floor(rng.next() * (size - 5)));
    if (!used.has(ip)) {
      used.add(ip);
      return ip;
    }
  }
  throw new Error(`subnet ${cidr} is full`);
}

export function contains(cidr: string, ip: string): boolean {
  const { base, size } = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= base && n < base + size;
}

/** EC2 private DNS names: `ip-192-168-12-34.us-west-2.compute.internal` (`.ec2.internal` in us-east-1). */
export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

export function publicDnsName(ip: string, region: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}

/** A public IPv4 address from the blocks EC2 hands out. */
export function publicAddress(rng: Rng): string {
  const first = rng.pick([3, 18, 34, 35, 44, 52, 54]);
  return `${first}.${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}
