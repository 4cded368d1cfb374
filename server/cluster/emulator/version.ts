import type { VersionInfo } from './apiserver/http/runtime.ts';

/**
 * What an EKS 1.32 control plane answers on `/version`. The `kubectl` dispatcher on learners' PATH
 * reads `minor` to choose the matching kubectl binary, so it must be the bare number.
 */
export function eksVersion(minor = '32'): VersionInfo {
  const patch = PATCHES[minor] ?? '0';
  return {
    major: '1',
    minor,
    gitVersion: `v1.${minor}.${patch}-eks-113cf36`,
    gitCommit: '5c1f3ad5ba3c8ce2d9e4f0b7d6e2c5a8f71b3e90',
    gitTreeState: 'clean',
    buildDate: '2025-08-26T20:13:07Z',
    goVersion: 'go1.23.12',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

const PATCHES: Record<string, string> = { '29': '15', '30': '14', '31': '12', '32': '9', '33': '5' };
