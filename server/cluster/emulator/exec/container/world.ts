/** Everything shared by the exec sessions of one cluster: object access, images, persisted writes, time, DNS settings. */
import type { Clock } from '../../clock.ts';
import type { HttpRequest, HttpResponse } from '../http-message.ts';
import type { ServedRequest } from '../network/routing.ts';
import type { ClusterReader } from './cluster-reader.ts';
import type { DnsSettings } from './etc-files.ts';
import type { ImageSource } from './image.ts';
import type { LayerStore } from './layers.ts';
import type { ProcessFiles } from './process-files.ts';
import type { TokenSource } from './volumes.ts';

export interface World {
  reader: ClusterReader;
  images: ImageSource;
  layers: LayerStore;
  clock: Clock;
  dns: DnsSettings;
  token: TokenSource;
  /** How long a connection to an address nobody answers takes to fail (ms). */
  connectTimeoutMs: number;
  apiServer?: (req: HttpRequest) => HttpResponse;
  /** Round-robin position of each Service. */
  turns: Map<string, number>;
  onServed?: (e: ServedRequest) => void;
  processFiles?: ProcessFiles;
}
