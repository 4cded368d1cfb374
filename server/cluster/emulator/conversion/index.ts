/**
 * Conversion between the versions a type is served at and the version it is stored at:
 *  - Events are stored as core/v1 and served also as events.k8s.io/v1;
 *  - HorizontalPodAutoscalers are stored as autoscaling/v2 and served also as autoscaling/v1;
 *  - custom resources (conversion strategy None) only change their apiVersion.
 * Inputs are never changed; every other type is stored as served.
 */
import type { Converter } from '../apiserver/pieces.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import { gvString } from '../registry/types.ts';
import type { Json } from '../strategies/shared/json.ts';
import { coreEventShape, coreToEvents, eventsToCore } from './events.ts';
import { hpaV1ToV2, hpaV2ToStorage, hpaV2ToV1, v2StatusShape } from './hpa.ts';

const isEvent = (def: ResourceDef) => def.kind === 'Event' && (def.group === '' || def.group === 'events.k8s.io');
const isHpa = (def: ResourceDef) => def.group === 'autoscaling' && def.kind === 'HorizontalPodAutoscaler';

function toStorage(def: ResourceDef, obj: KubeObject): KubeObject {
  if (isEvent(def)) return def.group === 'events.k8s.io' ? eventsToCore(obj) : (coreEventShape(obj as Json) as KubeObject);
  if (isHpa(def)) return def.version === 'v1' ? hpaV1ToV2(obj) : hpaV2ToStorage(obj);
  return obj;
}

function fromStorage(def: ResourceDef, obj: StoredObject): StoredObject {
  if (isEvent(def)) {
    return (def.group === 'events.k8s.io' ? coreToEvents(obj) : coreEventShape(obj as unknown as Json)) as StoredObject;
  }
  if (isHpa(def)) {
    if (def.version === 'v1') return hpaV2ToV1(obj);
    return { ...obj, status: v2StatusShape(obj.status) };
  }
  if (def.custom) {
    const apiVersion = gvString(def);
    return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
  }
  return obj;
}

export function createConverter(): Converter {
  return { toStorage, fromStorage };
}
