import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileNames, scanEmbeddedDescriptors } from './descriptor-scan.ts';
import { isExecutableImage } from './locate-binary.ts';

/** A minimal FileDescriptorProto: just field 1, the file name. */
const descriptor = (name: string) => Buffer.concat([Buffer.from([0x0a, name.length]), Buffer.from(name)]);

describe('scanEmbeddedDescriptors', () => {
  it('finds gzipped descriptors between other bytes, adjacent members included, once each', () => {
    const binary = Buffer.concat([
      Buffer.from('ELF junk'),
      gzipSync(descriptor('k8s.io/api/core/v1/generated.proto')),
      gzipSync(descriptor('k8s.io/api/apps/v1/generated.proto')),
      Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]),
      gzipSync(descriptor('google/protobuf/descriptor.proto')),
      gzipSync(descriptor('k8s.io/api/core/v1/generated.proto')),
    ]);
    expect(fileNames(scanEmbeddedDescriptors(binary))).toEqual(['k8s.io/api/core/v1/generated.proto', 'k8s.io/api/apps/v1/generated.proto']);
  });
});

describe('isExecutableImage', () => {
  it('rejects scripts and small files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podium-kubectl-'));
    writeFileSync(join(dir, 'kubectl'), '#!/bin/sh\nexec kubectl.1.32 "$@"\n');
    expect(isExecutableImage(join(dir, 'kubectl'))).toBe(false);
    expect(isExecutableImage(join(dir, 'missing'))).toBe(false);
  });
});
