import { alpine, busybox } from './busybox.ts';
import { amazonlinux, debian, distroless, oraclelinux, ubuntu } from './gnu.ts';
import type { Family, FamilyName } from './types.ts';

export type { Family, FamilyName } from './types.ts';

export const families: Record<FamilyName, Family> = { debian, ubuntu, alpine, busybox, amazonlinux, oraclelinux, distroless };
