import { builtinResources, groupOrder } from './builtin.ts';
import type { ResourceDef } from './types.ts';

/**
 * The resource types one cluster serves: the built-in ones, shared by every cluster, plus the
 * custom resources its CRDs define. Lookups are by group/version/resource (the URL) or by group/kind.
 */
export class Registry {
  private custom: ResourceDef[] = [];
  private served: readonly ResourceDef[] = [];
  private byPath = new Map<string, ResourceDef>();
  private generation = 0;

  constructor(private readonly builtins: readonly ResourceDef[] = builtinResources) {
    this.reindex();
  }

  /** Increases whenever the served API changes, so discovery and OpenAPI documents can be cached by it. */
  get version(): number {
    return this.generation;
  }

  lookup(group: string, version: string, resource: string): ResourceDef | undefined {
    return this.byPath.get(`${group}/${version}/${resource}`);
  }

  /** Every served definition, in discovery order: groups as `groupOrder` lists them, custom groups after. */
  all(): readonly ResourceDef[] {
    return this.served;
  }

  /** Served groups with their versions, preferred version first. */
  groups(): { group: string; versions: string[] }[] {
    const map = new Map<string, string[]>();
    for (const d of this.all()) {
      const versions = map.get(d.group) ?? [];
      if (!versions.includes(d.version)) versions.push(d.version);
      map.set(d.group, versions);
    }
    const rank = (g: string) => {
      const i = groupOrder.indexOf(g);
      return i === -1 ? groupOrder.length : i;
    };
    return [...map]
      .map(([group, versions]) => ({ group, versions }))
      .sort((a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group));
  }

  /**
   * Replaces the custom resources (called when CRDs change). Definitions equal to the served ones are kept,
   * with the API's version, so that what is cached by them survives CRD writes that change no served type.
   */
  setCustom(defs: ResourceDef[]): void {
    if (JSON.stringify(defs) === JSON.stringify(this.custom)) return;
    this.custom = defs;
    this.reindex();
  }

  private reindex(): void {
    this.served = [...this.builtins, ...this.custom];
    this.byPath = new Map(this.served.map((d) => [`${d.group}/${d.version}/${d.resource}`, d]));
    this.generation++;
  }
}
