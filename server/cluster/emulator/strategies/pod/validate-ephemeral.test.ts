import { describe, expect, it } from 'vitest';
import type { Json } from '../shared/json.ts';
import { validateEphemeralContainersUpdate } from './validate-ephemeral.ts';

const debugger_ = (name: string, extra: Json = {}): Json => ({
  name,
  image: 'busybox:1.37',
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  resources: {},
  ...extra,
});
const pod = (ephemeralContainers: Json[]): Json => ({ spec: { containers: [{ name: 'app', image: 'nginx' }], ephemeralContainers } });
const messages = (now: Json[], before: Json[] = []) => validateEphemeralContainersUpdate(pod(now), pod(before)).map((e) => `${e.field}: ${e.message}`);

describe('writes to pods/ephemeralcontainers', () => {
  it('accepts a new debug container next to the ones already there', () => {
    expect(messages([debugger_('d1'), debugger_('d2', { targetContainerName: 'app', stdin: true, tty: true })], [debugger_('d1')])).toEqual([]);
  });

  it('refuses removing or changing an existing one', () => {
    expect(messages([], [debugger_('d1')])).toEqual(['spec.ephemeralContainers: Forbidden: existing ephemeral containers "d1" may not be removed\n']);
    expect(messages([debugger_('d1', { stdin: true })], [debugger_('d1')])).toEqual(['spec.ephemeralContainers: Forbidden: existing ephemeral containers "d1" may not be changed\n']);
  });

  it('refuses what an ephemeral container may not have, a taken name and a target that does not exist', () => {
    expect(messages([debugger_('app', { ports: [{ containerPort: 80, protocol: 'TCP' }], readinessProbe: { exec: { command: ['true'] } }, resources: { limits: { cpu: '1' } }, targetContainerName: 'nope' })])).toEqual([
      'spec.ephemeralContainers[0].name: Duplicate value: "app"',
      'spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container',
      'spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container',
      'spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container',
      'spec.ephemeralContainers[0].targetContainerName: Not found: "nope"',
    ]);
    expect(messages([debugger_('d1', { image: '' })])).toEqual(['spec.ephemeralContainers[0].image: Required value']);
  });
});
