/** The pod's QoS class (`qos.GetPodQOS`): Guaranteed, Burstable or BestEffort, from requests and limits. */
import { qosClass } from '../../node-sim/pod-resources.ts';
import type { Json } from '../shared/json.ts';

export function qosClassOf(pod: Json): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  return qosClass(pod);
}
