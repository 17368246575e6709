// Types of the shared vitest defaults.
import type { ViteUserConfig } from 'vitest/config';

export declare const sharedTestConfig: NonNullable<ViteUserConfig['test']>;
export declare const slow: { timeout: number };
