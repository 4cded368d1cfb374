/**
 * The Linux kernel of the simulated EKS node image (Amazon Linux 2023), for `uname` and version banners.
 * The release a pod sees comes from its node's `nodeInfo.kernelVersion`; these are the fallbacks.
 */
export const DEFAULT_KERNEL_RELEASE = '6.1.132-147.221.amzn2023.x86_64';
export const KERNEL_BUILD = '#1 SMP PREEMPT_DYNAMIC Tue Apr  8 13:14:54 UTC 2025';
