/**
 * Pod templates embedded in workloads: their spec gets the PodSpec defaults (not the Pod-only ones), and
 * their ObjectMeta serializes `creationTimestamp: null`, as every embedded ObjectMeta does in 1.32.
 */
import type { DecodeFailure } from '../shared/decode.ts';
import { child, type Json } from '../shared/json.ts';
import { defaultPodSpec } from './defaults.ts';

/** Gives an embedded ObjectMeta the `creationTimestamp: null` Go's encoder writes for a zero time. */
export function embeddedMeta(holder: Json): Json {
  const meta = child(holder, 'metadata');
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  return meta;
}

export function defaultPodTemplate(holder: Json, key: string, decode: DecodeFailure): void {
  const template = child(holder, key);
  embeddedMeta(template);
  defaultPodSpec(child(template, 'spec'), decode);
}
