/**
 * Writable state that outlives one exec session: each container's writable layer, each emptyDir (shared by the
 * pod's containers) and each persistent volume claim (kept across pod restarts). Bounded: the oldest go first.
 */
import { Layer } from './vfs.ts';

export class LayerStore {
  private readonly layers = new Map<string, Layer>();

  constructor(private readonly max = 500) {}

  /** `container/<podUid>/<name>/<restartCount>`, `emptyDir/<podUid>/<volume>`, `pvc/<ns>/<claim>`… */
  get(key: string): Layer {
    let layer = this.layers.get(key);
    if (layer) {
      this.layers.delete(key);
      this.layers.set(key, layer);
      return layer;
    }
    layer = new Layer();
    this.layers.set(key, layer);
    if (this.layers.size > this.max) this.layers.delete(this.layers.keys().next().value!);
    return layer;
  }
}
