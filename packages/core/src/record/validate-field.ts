// Strict shape checks for field values and field objects, used when building or changing records (never when reading).
import { KsmError, type KsmErrorDetails } from '../errors.js';
import { FIELD_TYPES, isFieldTypeName, type ObjectShape, type PropertyShape } from './field-types.js';
import type { FieldTypeName, FieldValueMap } from './field-values.js';
import type { KeeperField } from './types.js';

/** Where a field sits in a record, added to error details by the record builders. */
export interface FieldLocation {
  readonly section?: 'fields' | 'custom';
  readonly fieldIndex?: number;
}

const UID = /^[A-Za-z0-9_-]{22}$/;
const FLAGS = ['required', 'privacyScreen', 'enforceGeneration'] as const;
const COMPLEXITY = ['length', 'caps', 'lowercase', 'digits', 'special'] as const;

/**
 * Checks a field's `value` array against its type (spec §6.2). Throws `ERR_INVALID_RECORD` naming the
 * field type, element index and property — never the value — for unknown or retired types, non-arrays,
 * wrong element kinds, malformed UIDs, unknown properties of closed object shapes and wrongly typed properties.
 *
 * @example
 * validateFieldValue('host', [{ hostName: 'db', port: '5432' }]) // ok
 * validateFieldValue('host', [{ hostName: 'db', port: 5432 }]) // throws ERR_INVALID_RECORD (port must be a string)
 */
export function validateFieldValue<T extends FieldTypeName>(
  type: T | (string & {}),
  value: unknown,
  location: FieldLocation = {},
): asserts value is FieldValueMap[T][] {
  const at = { ...locationDetails(location), fieldType: type };
  if (!isFieldTypeName(type)) throw invalid(`Unknown field type "${type}"`, { ...at, reason: 'unknown-type' });
  const info = FIELD_TYPES[type];
  if (info.retired) {
    const hint = info.replacedBy ? `; use "${info.replacedBy}"` : '';
    throw invalid(`Field type "${type}" is retired${hint}`, { ...at, reason: 'retired-type' });
  }
  if (!Array.isArray(value)) throw invalid(`Field "${type}" value must be an array`, { ...at, reason: 'not-an-array' });
  for (let index = 0; index < value.length; index++) {
    const problem = checkElement(info.kind, info.shape, value[index]);
    if (problem === undefined) continue;
    const path = problem.path ? `.${problem.path}` : '';
    throw invalid(`Field "${type}" value[${index}]${path} ${problem.message}`, {
      ...at,
      index,
      property: problem.path || null,
      reason: problem.reason,
    });
  }
}

/**
 * Checks a whole field object: `type`, optional `label`, boolean flags, `complexity` and the value shape.
 * Unknown extra keys are allowed (they are preserved on round-trip).
 *
 * @example
 * validateField({ type: 'login', value: ['alice'] }) // ok
 * validateField({ type: 'login', value: 'alice' }) // throws ERR_INVALID_RECORD
 */
export function validateField(field: unknown, location: FieldLocation = {}): asserts field is KeeperField {
  const where = locationDetails(location);
  if (!isPlainObject(field)) throw invalid('Field must be an object', { ...where, reason: 'invalid-field' });
  const type = field.type;
  if (typeof type !== 'string' || type === '') {
    throw invalid('Field must have a non-empty string "type"', { ...where, reason: 'invalid-field' });
  }
  const at = { ...where, fieldType: type };
  if (field.label !== undefined && typeof field.label !== 'string') {
    throw invalid(`Field "${type}" label must be a string`, { ...at, reason: 'invalid-label' });
  }
  for (const flag of FLAGS) {
    if (field[flag] !== undefined && typeof field[flag] !== 'boolean') {
      throw invalid(`Field "${type}" ${flag} must be a boolean`, { ...at, property: flag, reason: 'invalid-flag' });
    }
  }
  const complexity = field.complexity;
  if (complexity !== undefined) {
    const bad = !isPlainObject(complexity) || COMPLEXITY.some((k) => !isOptionalNumber(complexity[k]));
    if (bad) {
      throw invalid(`Field "${type}" complexity must be an object of numbers`, { ...at, reason: 'invalid-complexity' });
    }
  }
  validateFieldValue(type, field.value, location);
}

interface Problem {
  path: string;
  message: string;
  reason: string;
}

function checkElement(kind: string, shape: ObjectShape | undefined, element: unknown): Problem | undefined {
  switch (kind) {
    case 'string':
      return typeof element === 'string' ? undefined : wrong('', 'must be a string');
    case 'uid-ref':
      if (typeof element !== 'string') return wrong('', 'must be a string UID');
      return UID.test(element) ? undefined : { path: '', message: 'must be a 22-character UID', reason: 'invalid-uid' };
    case 'date-ms':
      return Number.isSafeInteger(element)
        ? undefined
        : wrong('', 'must be an integer of milliseconds since the epoch');
    case 'boolean':
      return typeof element === 'boolean' ? undefined : wrong('', 'must be a boolean');
    default:
      return shape ? checkObject(shape, element, '') : undefined;
  }
}

function checkObject(shape: ObjectShape, element: unknown, path: string): Problem | undefined {
  if (!isPlainObject(element)) return wrong(path, 'must be an object');
  for (const [key, child] of Object.entries(element)) {
    const childPath = path ? `${path}.${key}` : key;
    const expected = Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined;
    if (expected === undefined) {
      if (shape.open) continue;
      return { path: childPath, message: 'is not a known property', reason: 'unknown-property' };
    }
    if (child === undefined) continue;
    const problem = checkProperty(expected, child, childPath);
    if (problem) return problem;
  }
  return undefined;
}

function checkProperty(expected: PropertyShape, value: unknown, path: string): Problem | undefined {
  if (expected === 'string') return typeof value === 'string' ? undefined : wrong(path, 'must be a string');
  if (expected === 'number') return Number.isFinite(value) ? undefined : wrong(path, 'must be a number');
  if (expected === 'boolean') return typeof value === 'boolean' ? undefined : wrong(path, 'must be a boolean');
  if (expected === 'string[]') {
    const ok = Array.isArray(value) && value.every((item) => typeof item === 'string');
    return ok ? undefined : wrong(path, 'must be an array of strings');
  }
  if (expected.kind === 'object') return checkObject(expected, value, path);
  if (!Array.isArray(value)) return wrong(path, 'must be an array');
  for (let i = 0; i < value.length; i++) {
    const problem = checkObject(expected.items, value[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function wrong(path: string, message: string): Problem {
  return { path, message, reason: 'wrong-type' };
}

function isOptionalNumber(value: unknown): boolean {
  return value === undefined || Number.isFinite(value);
}

/**
 * True for `{}`-style objects (JSON objects, object literals), false for arrays, null and class instances.
 *
 * @example
 * isPlainObject({ a: 1 }) // true
 * isPlainObject(new Date()) // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function locationDetails(location: FieldLocation): KsmErrorDetails {
  const details: Record<string, string | number> = {};
  if (location.section !== undefined) details.section = location.section;
  if (location.fieldIndex !== undefined) details.fieldIndex = location.fieldIndex;
  return details;
}

function invalid(message: string, details: KsmErrorDetails): KsmError {
  return new KsmError('ERR_INVALID_RECORD', message, details);
}
