// Types of the shared tsdown base config.
import type { UserConfig } from 'tsdown';

/** The base config (ESM, node platform, declarations, sourcemaps, publint, `.js` extensions) with `overrides` on top. */
export declare function packageConfig(overrides: UserConfig): UserConfig;
