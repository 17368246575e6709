// The `withKsm` model exactly as Jenkins users write it: applications, each with a credential and its secrets.

/** Where a secret goes: an environment variable or a file in the workspace. */
export type Destination = 'env' | 'file';

/** How a resolved value is written: `raw` (strings as is, structures as JSON, files as bytes), `json`, `base64`. */
export type ValueFormat = 'raw' | 'json' | 'base64';

/** One `[destination: …, envVar: …, filePath: …, notation: …]` entry, as written (fields may be missing). */
export interface SecretSpec {
  readonly destination?: unknown;
  readonly envVar?: unknown;
  readonly filePath?: unknown;
  readonly notation?: unknown;
  readonly format?: unknown;
}

/** One `[credentialsId: …, secrets: [...]]` entry, as written. */
export interface ApplicationSpec {
  readonly credentialsId?: unknown;
  readonly secrets?: unknown;
}

/** The whole `withKsm(application: [...])` argument, as written. */
export interface WithKsmSpec {
  readonly application?: unknown;
}

/** A validated secret: destination checked, notation parsed, path normalised. */
export interface ValidSecret {
  /** `application[i].secrets[j]`, for messages. */
  readonly where: string;
  readonly destination: Destination;
  /** The env var name (env) or the normalised relative file path (file): the mask name too. */
  readonly target: string;
  readonly notation: string;
  readonly format: ValueFormat;
  /** Record UID or title of the notation. */
  readonly record: string;
  /** True when the notation selects a file attachment. */
  readonly isFile: boolean;
}

/** A validated application. */
export interface ValidApplication {
  readonly credentialsId: string;
  readonly secrets: readonly ValidSecret[];
}
