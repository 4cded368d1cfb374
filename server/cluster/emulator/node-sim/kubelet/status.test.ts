import { describe, expect, it } from 'vitest';
import type { ContainerSim } from './sim-state.ts';
import { containerStatus } from './status.ts';

const image = { statusImage: 'docker.io/library/nginx:1.27', imageId: 'docker.io/library/nginx@sha256:abc' };
const sim = (extra: Partial<ContainerSim>): ContainerSim =>
  ({ name: 'web', spec: { name: 'web', image: 'nginx:1.27' }, restartCount: 0, ready: false, started: false, ...extra }) as unknown as ContainerSim;

describe('container status', () => {
  it('shows the spec image and no IDs while the first container is being set up', () => {
    const pulledAndCreated = sim({ image: image as never, containerId: 'c'.repeat(64) });
    expect(containerStatus(pulledAndCreated, undefined)).toMatchObject({ image: 'nginx:1.27', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } });
    expect(containerStatus(pulledAndCreated, undefined)).not.toHaveProperty('containerID');
  });

  it('shows what the runtime reports once the container runs', () => {
    const running = sim({ image: image as never, containerId: 'c'.repeat(64), started: true });
    expect(containerStatus(running, { running: { startedAt: '2026-01-01T00:00:00Z' } })).toMatchObject({
      containerID: `containerd://${'c'.repeat(64)}`,
      image: 'docker.io/library/nginx:1.27',
      imageID: 'docker.io/library/nginx@sha256:abc',
    });
  });
});
