/** An image reference resolved to what its containers contain: the catalogue entry, its version and flavour, and its profile. */
import { Registries, type PullOutcome } from '../../node-sim/kubelet/images/catalogue.ts';
import { families, type Family } from './families/index.ts';
import { genericProfile, profiles, type Flavour, type ImageProfile, type ServerKind } from './image-profiles.ts';

/** Where images come from: the node simulation's registries (`Registries`), or anything pulling the same way. */
export interface ImageSource {
  pull(reference: string): PullOutcome;
}

export interface PortSpec {
  port: number;
  /** Paths that answer 200 (when the catalogue lists them). */
  http?: string[];
  tcp?: boolean;
}

export interface ImageInfo {
  reference: string;
  repository: string;
  version: string;
  flavour: Flavour;
  family: Family;
  profile: ImageProfile;
  entrypoint: string[];
  cmd: string[];
  ports: PortSpec[];
  server?: ServerKind;
  /** The image's own program, for `nginx -v` and friends. */
  program?: { name: string; version: string };
}

/** Pulls as the node simulation does; ECR images of the learner's account need the cluster's own `Registries`. */
export const defaultImageSource: ImageSource = new Registries({ accountId: '000000000000', region: 'us-west-2', dnsResolver: '192.168.0.2', ecr: {} });

export function resolveImage(reference: string, source: ImageSource = defaultImageSource): ImageInfo {
  const pulled = source.pull(reference);
  if (!pulled.ok) return unknownImage(reference);
  const img = pulled.image;
  const profile = profiles[img.spec.repository] ?? (img.spec.repository === 'ecr' ? genericProfile : { family: { default: img.shell === 'none' ? 'distroless' : img.shell === 'ash' ? 'alpine' : 'debian' } });
  const familyName = profile.family[img.flavour] ?? profile.family.default;
  const mainName = (img.spec.entrypoint ?? img.spec.cmd ?? [])[0]?.split('/').pop();
  return {
    reference,
    repository: img.spec.repository,
    version: img.version,
    flavour: img.flavour,
    family: families[familyName],
    profile,
    entrypoint: img.spec.entrypoint ?? [],
    cmd: img.spec.cmd ?? [],
    ports: (img.spec.ports ?? []).map((p) => ({ ...p })),
    ...(profile.server ? { server: profile.server } : {}),
    ...(mainName ? { program: { name: mainName, version: img.version } } : {}),
  };
}

/** An image the catalogue does not know (a pod could not have started with it; kept for robustness). */
function unknownImage(reference: string): ImageInfo {
  return {
    reference,
    repository: reference.split(':')[0] ?? reference,
    version: '1.0.0',
    flavour: 'default',
    family: families.distroless,
    profile: genericProfile,
    entrypoint: ['/app'],
    cmd: [],
    ports: [{ port: 8080, http: ['/'] }],
    server: 'go',
  };
}
