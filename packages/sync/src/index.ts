// Public API of @ksmkit/sync: load a map, read Keeper, plan and apply against providers, reports.

export type { ApplyOptions, ApplyResult } from './apply.js';
export { applyPlan } from './apply.js';
export type { SyncErrorCode, SyncErrorDetails } from './errors.js';
export { isSyncError, SyncError } from './errors.js';
export type { Hasher } from './hash.js';
export { createHasher } from './hash.js';
export { loadMap, parseMap } from './map-file.js';
export type { DriftPolicy, MapEntry, SyncMap, TargetConfig } from './map-types.js';
export { checkName } from './naming-rules.js';
export { openProvider, openProviders } from './open-providers.js';
export type { PlanAction, PlanItem, SyncPlan } from './plan-types.js';
export { summarize } from './plan-types.js';
export type { PlanOptions, PlanWithValues } from './planner.js';
export { buildPlan } from './planner.js';
export type { CallCounts, OwnershipTags, Provider, RemoteSecret, SecretValue } from './provider.js';
export { createAwsProvider } from './providers/aws.js';
export { openFileTarget } from './providers/file-target.js';
export { renderPlanTable } from './render-plan.js';
export type { SyncReport } from './report.js';
export { buildReport, junitXml } from './report.js';
export { createRateLimiter, withRetry } from './resilience.js';
export { acquireRunLock } from './run-lock.js';
export type { DesiredSecret, SourceRead, SourceSnapshot } from './source.js';
export { readSources } from './source.js';
export type { SyncRunOptions, SyncRunResult } from './sync-run.js';
export { runSync, staleRows } from './sync-run.js';
