// @ksmkit/redact: a streaming secret masker for every encoded form, runtime-neutral (Web APIs only).
export { RedactError, type RedactErrorCode } from './errors.js';
export { createRedactor } from './redactor.js';
export type {
  RedactForm,
  Redactor,
  RedactorOptions,
  RedactStream,
  RedactWarning,
  SecretInput,
} from './types.js';
export { redactTransformStream } from './web-stream.js';
