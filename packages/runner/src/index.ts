// Public API of @ksmkit/runner: the one small runner every ksmkit binary uses.

export type { ErrorReportOptions } from './report-error.js';
export { EXIT_USAGE, reportError } from './report-error.js';
export type { RunBinaryOptions, RunMainOptions } from './run-binary.js';
export { runBinary, runMain } from './run-binary.js';
export { rejectUnknownOptions, wantsHelp } from './strict-args.js';
export type { UserErrorOptions } from './user-error.js';
export { isUserError, UserError } from './user-error.js';
