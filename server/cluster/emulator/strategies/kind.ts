/**
 * What every per-kind strategy factory receives: the served type (for decode errors worded with its kind
 * and version) and its ResourceDef.
 */
import type { ResourceDef } from '../registry/types.ts';
import type { Strategy } from '../registry/strategy.ts';
import { DecodeFailure, type TypeInfo } from './shared/decode.ts';

export interface KindContext {
  def: ResourceDef;
  type: TypeInfo;
  decode: DecodeFailure;
}

export type StrategyFactory = (k: KindContext) => Strategy;

export function kindContext(def: ResourceDef): KindContext {
  const type = { group: def.group, version: def.version, kind: def.kind };
  return { def, type, decode: new DecodeFailure(type) };
}
