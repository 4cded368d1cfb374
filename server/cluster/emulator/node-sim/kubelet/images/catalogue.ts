/** The image catalogue (catalogue.yaml) and the registries that serve it: what a pull of a reference returns. */
import { createHash } from 'node:crypto';
import { DataError, loadYaml } from '../../data-file.ts';
import { hash53 } from '../../random.ts';
import { InvalidReference, parseReference, type ImageReference } from './reference.ts';

export type Shell = 'ash' | 'dash' | 'bash' | 'none';
export type Flavour = 'default' | 'alpine' | 'slim';

export interface PortSpec {
  port: number;
  http?: string[];
  tcp?: boolean;
}

export interface CatalogueImage {
  repository: string;
  aliases?: string[];
  tags: string[];
  patterns?: string[];
  version: Record<string, string>;
  size: Partial<Record<Flavour, number>> & { default: number };
  entrypoint?: string[];
  cmd?: string[];
  shell: Partial<Record<Flavour, Shell>> & { default: Shell };
  binaries: string[];
  run: 'server' | 'exit' | 'interpreter';
  exitCode?: number;
  ports?: PortSpec[];
  requires?: { anyOf: string[]; error: string };
  stop: 'handled' | 'ignored';
  memoryMi: number;
  logs?: { style: string; [key: string]: string };
}

interface RegistryRule {
  missingRepository: 'notFound' | 'denied';
  missingTag: 'notFound';
}

interface Catalogue {
  images: CatalogueImage[];
  registries: Record<string, RegistryRule>;
  byRepository: Map<string, CatalogueImage>;
}

function check(raw: unknown, file: string): Catalogue {
  const doc = raw as { images?: CatalogueImage[]; registries?: Record<string, RegistryRule> };
  if (!Array.isArray(doc?.images)) throw new DataError(file, 'images', 'expected a list');
  const byRepository = new Map<string, CatalogueImage>();
  doc.images.forEach((img, i) => {
    const where = `images[${i}] (${img.repository ?? '?'})`;
    if (typeof img.repository !== 'string') throw new DataError(file, where, 'repository is required');
    if (!['server', 'exit', 'interpreter'].includes(img.run)) throw new DataError(file, where, 'run must be server, exit or interpreter');
    if (typeof img.size?.default !== 'number') throw new DataError(file, where, 'size.default is required');
    if (!img.shell?.default) throw new DataError(file, where, 'shell.default is required');
    if (!Array.isArray(img.tags)) throw new DataError(file, where, 'tags must be a list');
    // A tag written 1.0 unquoted would read as the number 1: tags must be quoted when they look like numbers.
    const numeric = img.tags.find((t) => typeof t !== 'string');
    if (numeric !== undefined) throw new DataError(file, where, `tag ${String(numeric)} must be quoted ("${String(numeric)}"): unquoted, YAML reads it as a number`);
    for (const name of [img.repository, ...(img.aliases ?? [])]) byRepository.set(name, img);
  });
  return { images: doc.images, registries: doc.registries ?? {}, byRepository };
}

export const catalogue = () => loadYaml(new URL('./catalogue.yaml', import.meta.url), check);

/** An image a node has pulled or can pull, with what its containers do. */
export interface ResolvedImage {
  ref: ImageReference;
  spec: CatalogueImage;
  flavour: Flavour;
  version: string;
  shell: Shell;
  size: number;
  /** `sha256:…` */
  digest: string;
  /** `docker.io/library/nginx@sha256:…`, the status imageID. */
  imageId: string;
  /** `docker.io/library/nginx:1.27`, the status image. */
  statusImage: string;
}

export type PullOutcome =
  | { ok: true; image: ResolvedImage }
  | { ok: false; invalid: true; message: string }
  | { ok: false; invalid?: false; error: string };

/** Repositories pushed to the cluster account's ECR: tags, and which catalogue image each behaves like. */
export interface EcrRepository {
  tags: string[];
  /** A catalogue repository whose behaviour the image has (default: a small web server on port 8080). */
  like?: string;
  sizeBytes?: number;
}

export interface RegistryOptions {
  accountId: string;
  region: string;
  /** The VPC resolver that DNS failures name (VPC base + 2). */
  dnsResolver: string;
  ecr: Record<string, EcrRepository>;
}

const ECR = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/;
const EKS_ACCOUNTS = new Set(['602401143452', '877085696533', '800184023465', '296578399912', '590381155156', '558608220178', '759879836304', '066635153087', '761377655185']);

function flavourOf(tag: string): Flavour {
  if (tag.includes('alpine')) return 'alpine';
  if (tag.includes('slim')) return 'slim';
  return 'default';
}

function tagExists(img: CatalogueImage, tag: string): boolean {
  return img.tags.includes(tag) || (img.patterns ?? []).some((p) => new RegExp(`^(?:${p})$`).test(tag));
}

function versionOf(img: CatalogueImage, tag: string): string {
  const v = img.version;
  if (v[tag]) return String(v[tag]);
  const base = tag.replace(/-.*$/, '');
  if (v[base]) return String(v[base]);
  if (/^\d+\.\d+\.\d+$/.test(base)) return base;
  const major = base.split('.')[0]!;
  if (v[major]) return String(v[major]);
  return String(v.default ?? v.latest ?? base);
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function resolved(ref: ImageReference, img: CatalogueImage, sizeOverride?: number): ResolvedImage {
  const flavour = flavourOf(ref.tag);
  const base = sizeOverride ?? img.size[flavour] ?? img.size.default;
  const variation = 1 + ((hash53(ref.normalized) % 61) - 30) / 1000;
  const digest = ref.digest ?? `sha256:${sha(`podium-image|${ref.repository}:${ref.tag}`)}`;
  return {
    ref,
    spec: img,
    flavour,
    version: versionOf(img, ref.tag),
    shell: img.shell[flavour] ?? img.shell.default,
    size: Math.round(base * variation),
    digest,
    imageId: `${ref.repository}@${digest}`,
    statusImage: ref.normalized,
  };
}

/** A small Go web server: what an image pushed to the learner's ECR does unless it says it is like another. */
const genericServer: CatalogueImage = {
  repository: 'ecr',
  tags: [],
  version: { default: '1.0.0' },
  size: { default: 12_582_912 },
  shell: { default: 'none' },
  binaries: ['app'],
  run: 'server',
  ports: [{ port: 8080, http: ['/', '/health', '/healthz', '/ready'] }],
  stop: 'handled',
  memoryMi: 10,
  logs: { style: 'generic', started: 'Listening on :8080' },
};

export class Registries {
  constructor(private readonly options: RegistryOptions) {}

  /** What pulling `raw` gives: the image, or containerd's error as the kubelet reports it. */
  pull(raw: string): PullOutcome {
    let ref: ImageReference;
    try {
      ref = parseReference(raw);
    } catch (e) {
      const why = e instanceof InvalidReference ? e.message : 'invalid reference format';
      return { ok: false, invalid: true, message: `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": ${why}` };
    }
    const cat = catalogue();
    const ecr = ECR.exec(ref.domain);
    if (ecr) return this.pullEcr(ref, ecr[1]!, ecr[2]!);
    const img = cat.byRepository.get(ref.repository);
    if (img) {
      if (ref.digest || tagExists(img, ref.tag)) return { ok: true, image: resolved(ref, img) };
      return { ok: false, error: notFound(ref) };
    }
    const rule = cat.registries[ref.domain];
    if (!rule) return { ok: false, error: noSuchHost(ref, this.options.dnsResolver) };
    return { ok: false, error: rule.missingRepository === 'denied' ? denied(ref) : notFound(ref) };
  }

  private pullEcr(ref: ImageReference, account: string, region: string): PullOutcome {
    if (EKS_ACCOUNTS.has(account) && region === this.options.region) {
      const img = catalogue().byRepository.get(`eks-registry/${ref.path}`);
      if (img && (ref.digest || tagExists(img, ref.tag))) return { ok: true, image: resolved(ref, img) };
      return { ok: false, error: notFound(ref) };
    }
    if (account !== this.options.accountId || region !== this.options.region) return { ok: false, error: forbidden(ref) };
    const repo = this.options.ecr[ref.path];
    if (!repo || !(ref.digest || repo.tags.includes(ref.tag))) return { ok: false, error: notFound(ref) };
    const like = repo.like ? catalogue().byRepository.get(parseReference(repo.like).repository) : undefined;
    return { ok: true, image: resolved(ref, like ?? genericServer, repo.sizeBytes) };
  }
}

const resolveFailed = (ref: ImageReference, code: string, why: string) =>
  `rpc error: code = ${code} desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": ${why}`;

const notFound = (ref: ImageReference) => resolveFailed(ref, 'NotFound', `${ref.normalized}: not found`);
const denied = (ref: ImageReference) =>
  resolveFailed(ref, 'Unknown', 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
const forbidden = (ref: ImageReference) =>
  resolveFailed(ref, 'Unknown', `unexpected status from HEAD request to https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag || ref.digest}: 403 Forbidden`);
const noSuchHost = (ref: ImageReference, dns: string) =>
  resolveFailed(
    ref,
    'Unknown',
    `failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag || ref.digest}": dial tcp: lookup ${ref.domain} on ${dns}:53: no such host`,
  );
