/** `node.status.images`: what a node has pulled, biggest first, as the kubelet reports it (at most 50). */
import type { ResolvedImage } from './catalogue.ts';

export interface NodeImage {
  names: string[];
  sizeBytes: number;
}

export const MAX_NODE_IMAGES = 50;

export function nodeImage(image: ResolvedImage): NodeImage {
  return { names: [image.imageId, image.statusImage], sizeBytes: image.size };
}

export function withImage(images: NodeImage[], image: NodeImage): NodeImage[] {
  const others = images.filter((i) => !i.names.some((n) => image.names.includes(n)));
  return [...others, image].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, MAX_NODE_IMAGES);
}

/** True when a node image entry is this reference (by tag or digest). */
export function hasImage(images: NodeImage[], normalized: string): boolean {
  return images.some((i) => i.names.includes(normalized));
}
