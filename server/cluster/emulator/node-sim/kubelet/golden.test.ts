/**
 * Golden tests of the lifecycle stage data: each fixtures/<name>.input.yaml (a pod, optional objects, how long
 * to run) must produce fixtures/<name>.output.yaml (the pod status, the `kubectl get pods` STATUS seen along
 * the way, the events, and the logs). `UPDATE_GOLDEN=1 npx vitest run …/golden.test.ts` rewrites the outputs.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import { podPrinter } from '../../printers/pod.ts';
import { simulate } from '../sim-harness.ts';
import { pod, T0 } from '../test-harness.ts';

const dir = new URL('./fixtures/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

interface Input {
  after: number;
  deleteAt?: number;
  objects?: KubeObject[];
  pod: { metadata: Record<string, unknown>; spec: Record<string, unknown> };
}

const since = (t: unknown) => (typeof t === 'string' ? `+${(Date.parse(t) - T0) / 1000}s` : '');

function run(input: Input) {
  const s = simulate();
  for (const o of input.objects ?? []) s.h.create(o);
  const name = String(input.pod.metadata.name);
  s.h.create(pod(name, input.pod.spec, input.pod.metadata));
  const timeline: string[] = [];
  let last = '';
  let uid = '';
  let final: StoredObject | undefined;
  for (let t = 0; t <= input.after * 1000; t += 250) {
    if (input.deleteAt !== undefined && t === input.deleteAt * 1000) {
      s.h.cluster.api.delete(s.h.def('Pod'), 'default', name);
      s.h.defer.settle();
    }
    const p = s.h.get('Pod', 'default', name);
    if (p) {
      uid = p.metadata.uid;
      final = p;
      const [, ready, status, restarts] = podPrinter.cells(p, { now: s.h.clock.now() }) as string[];
      const row = `${ready} ${status} ${String(restarts).replace(/ \(.*\)/, '')}`;
      if (row !== last) timeline.push(`+${t / 1000}s ${row}`);
      last = row;
    } else if (last !== 'gone') {
      timeline.push(`+${t / 1000}s (deleted)`);
      last = 'gone';
    }
    s.h.run(250, 250);
  }
  const events = s.h
    .list('Event', 'default')
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .sort((a, b) => (BigInt(`0x${a.metadata.name.split('.').pop()}`) < BigInt(`0x${b.metadata.name.split('.').pop()}`) ? -1 : 1))
    .map((e) => {
      const count = Number(e.count ?? (e.series as { count?: number } | undefined)?.count ?? 1);
      const first = since(e.firstTimestamp ?? e.eventTime);
      const times = count > 1 ? ` (x${count} until ${since(e.lastTimestamp ?? (e.series as { lastObservedTime?: string }).lastObservedTime)})` : '';
      return `${first} ${e.type} ${e.reason}${times}: ${e.message}`;
    });
  const containers = [...((input.pod.spec.initContainers as { name: string }[]) ?? []), ...((input.pod.spec.containers as { name: string }[]) ?? [])];
  const logs: Record<string, string> = {};
  if (s.h.get('Pod', 'default', name)) {
    for (const c of containers) {
      try {
        logs[c.name] = s.logs.read('default', name, { container: c.name });
      } catch (e) {
        logs[c.name] = `error: ${(e as Error).message}`;
      }
    }
  }
  const scrub = (text: string) => text.replaceAll(uid, '<uid>');
  const output = { timeline, status: final?.status, events, logs };
  return parse(scrub(stringify(output, { lineWidth: 0 })));
}

const inputs = readdirSync(dir).filter((f) => f.endsWith('.input.yaml'));

describe('lifecycle stages (golden)', () => {
  for (const file of inputs) {
    it(file.replace('.input.yaml', ''), () => {
      const input = parse(readFileSync(new URL(file, dir), 'utf8')) as Input;
      const actual = run(input);
      const outUrl = new URL(file.replace('.input.yaml', '.output.yaml'), dir);
      if (update || !existsSync(outUrl)) {
        writeFileSync(outUrl, stringify(actual, { lineWidth: 0 }));
        if (!update) throw new Error(`wrote ${outUrl.pathname}: review it and run again`);
        return;
      }
      expect(actual).toEqual(parse(readFileSync(outUrl, 'utf8')));
    });
  }
});
