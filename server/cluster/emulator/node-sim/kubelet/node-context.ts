/** What the stage subjects of one node need from the simulated kubelet around them. */
import type { ControllerContext } from '../../controllers/types.ts';
import type { StoredObject } from '../../meta/types.ts';
import type { EventSink } from '../events.ts';
import type { ResolvedOptions } from '../options.ts';
import type { SimResources } from '../resources.ts';
import type { Registries, ResolvedImage } from './images/catalogue.ts';

export interface NodeContext {
  ctx: ControllerContext;
  r: SimResources;
  o: ResolvedOptions;
  registries: Registries;
  events: EventSink;
  nodeName: string;
  node(): StoredObject | undefined;
  hasImage(normalized: string): boolean;
  addImage(image: ResolvedImage): void;
  allocatePodIP(pod: StoredObject): string;
  hostIP(): string;
}
