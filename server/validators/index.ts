/**
 * The validators: what the server and `podium check` use.
 *
 * - `evaluateCheck(check, ctx)` — one check → CheckResult (never throws)
 * - `LabValidator` — the live engine of one learner's lab (watch events, prompts, Check button)
 * - `KubeClusterReader` — a ClusterReader over a kubeconfig (client-node), with `watchedKinds(steps)`
 * - `playLab(lab, ctx, runSolutionCommand)` and `formatPlayReport(report)` — `podium check`'s core
 * - `loadLab(labsDir, name)` / `loadLabs(labsDir)` — lab definitions from disk
 * - `defineValidator` — for lab authors (import it from define.ts)
 */
export { evaluateCheck, allPassed, type EvaluateOptions } from './evaluate.ts';
export { LabValidator, type EngineStep, type LabValidatorOptions } from './engine/lab-validator.ts';
export type { Reveals } from './engine/step-state.ts';
export { KubeClusterReader, type KubeClusterReaderOptions, type WatchedKind } from './kube/cluster-reader.ts';
export { watchedKinds } from './watched-kinds.ts';
export { playLab, type PlayReport, type PlayedStep, type PlayOptions, type RunSolutionCommand } from './play.ts';
export { formatPlayReport } from './play-report.ts';
export { loadLab, loadLabs, type LoadedLab } from './load-labs.ts';
export { defineValidator } from './define.ts';
export { realClock, type Clock } from './clock.ts';
export type { CheckContext, ClusterReader, CommandLog, K8sObject, ObjectRef, SandboxAccess, ValidatorFn } from './types.ts';
