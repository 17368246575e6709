// Resolves one application's secrets: one get_secret (UID filter + count check, or a full fetch for titles).
import type { DecryptedFile, DecryptedRecord, KsmClient } from '@ksmkit/core';
import { getValue, looksLikeRecordUid } from '@ksmkit/core';
import { StepError } from '../errors.js';
import type { ValidApplication, ValidSecret } from '../spec/types.js';
import { type FormattedValue, formatValue } from './format-value.js';

/** One resolved secret: where it goes and its formatted value. */
export interface ResolvedSecret extends FormattedValue {
  readonly secret: ValidSecret;
  /** What notation selected before formatting: `string`, `object`, `array`, `file`, … (for `check`). */
  readonly kind: string;
}

/** The records one application's notations need (deduplicated UIDs with a count check, or all for titles). */
export async function fetchRecords(client: KsmClient, app: ValidApplication): Promise<DecryptedRecord[]> {
  const tokens = [...new Set(app.secrets.map((secret) => secret.record))];
  if (!tokens.every(looksLikeRecordUid)) return (await client.getSecrets()).records;
  const { records } = await client.getSecrets({ uids: tokens });
  const received = new Set(records.map((record) => record.recordUid).filter((uid) => tokens.includes(uid))).size;
  if (received !== tokens.length) {
    throw new StepError(
      'ERR_RECORD_COUNT',
      `Requested ${tokens.length} record(s), received ${received} record(s). This happens when a record does not ` +
        'exist in the application, the record uid is wrong, or the record type is General. Make sure all the record ' +
        `uids exist in your application (credential ${app.credentialsId}) and the records are not General type.`,
      { credentialsId: app.credentialsId },
    );
  }
  return records;
}

function kindOf(value: unknown): string {
  if (value instanceof Uint8Array) return 'file';
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** Every secret of an application that resolved, and a message per secret that did not. */
export interface ApplicationResolution {
  readonly resolved: ResolvedSecret[];
  readonly problems: string[];
}

/**
 * Like `resolveApplication`, but returns the secrets that failed as `problems` instead of throwing for them
 * (a failed fetch, such as the count check, still throws). For `ksm-step check`.
 *
 * @example
 * const { resolved, problems } = await resolveApplicationParts(client, app);
 */
export async function resolveApplicationParts(
  client: KsmClient,
  app: ValidApplication,
): Promise<ApplicationResolution> {
  const records = await fetchRecords(client, app);
  const problems: string[] = [];
  const resolved: ResolvedSecret[] = [];
  for (const secret of app.secrets) {
    try {
      let value = getValue(records, secret.notation);
      if (value === undefined) throw new Error('the notation selects no value');
      if (secret.isFile) value = await client.downloadFile(value as DecryptedFile);
      resolved.push({ secret, kind: kindOf(value), ...formatValue(value, secret.format) });
    } catch (error) {
      problems.push(`${secret.where} (${secret.target}): ${(error as Error).message}`);
    }
  }
  return { resolved, problems };
}

/**
 * Fetches and evaluates every secret of `app` with core's `getValue` (the official JS SDK's semantics), downloads
 * file attachments, and formats each value. All failures are reported together (`ERR_RESOLVE`, `details.problems`).
 *
 * @example
 * const resolved = await resolveApplication(client, app);
 */
export async function resolveApplication(client: KsmClient, app: ValidApplication): Promise<ResolvedSecret[]> {
  const { resolved, problems } = await resolveApplicationParts(client, app);
  if (problems.length > 0) {
    const list = problems.map((problem) => `  - ${problem}`).join('\n');
    throw new StepError('ERR_RESOLVE', `Could not get ${problems.length} secret value(s):\n${list}`, { problems });
  }
  return resolved;
}
