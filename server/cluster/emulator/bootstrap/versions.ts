/** Component versions of an EKS release, as data. */
import { DataError, loadYaml } from '../node-sim/data-file.ts';

export interface ImageRef {
  image: string;
  tag: string;
}

export interface EksVersion {
  node: { kubeletVersion: string; osImage: string; kernelVersion: string; containerRuntimeVersion: string; amiPrefix: string };
  addons: Record<'coredns' | 'kubeProxy' | 'vpcCni' | 'vpcCniInit' | 'networkPolicyAgent' | 'pause' | 'ebsCsiDriver', ImageRef>;
}

function check(raw: unknown, file: string): Record<string, EksVersion> {
  if (!raw || typeof raw !== 'object') throw new DataError(file, '(root)', 'expected a map of Kubernetes versions');
  for (const [v, entry] of Object.entries(raw as Record<string, EksVersion>)) {
    if (!entry.node?.kubeletVersion) throw new DataError(file, v, 'node.kubeletVersion is required');
    if (!entry.addons?.coredns) throw new DataError(file, v, 'addons.coredns is required');
  }
  return raw as Record<string, EksVersion>;
}

export function eksVersion(version: string): EksVersion {
  const all = loadYaml(new URL('./versions.yaml', import.meta.url), check);
  const v = all[version];
  if (!v) throw new Error(`no EKS data for Kubernetes ${version}; known: ${Object.keys(all).join(', ')}`);
  return v;
}

/** The account that hosts the EKS images of a region (most regions share 602401143452). */
export function eksImageAccount(region: string): string {
  const special: Record<string, string> = {
    'af-south-1': '877085696533',
    'ap-east-1': '800184023465',
    'ap-southeast-3': '296578399912',
    'eu-south-1': '590381155156',
    'me-south-1': '558608220178',
    'me-central-1': '759879836304',
    'il-central-1': '066635153087',
    'ca-west-1': '761377655185',
  };
  return special[region] ?? '602401143452';
}

export const eksRegistry = (region: string) => `${eksImageAccount(region)}.dkr.ecr.${region}.amazonaws.com`;
export const imageOf = (region: string, ref: ImageRef) => `${eksRegistry(region)}/${ref.image}:${ref.tag}`;
