// Public API of the password generator.
export type { PasswordOptions } from './generate-password.js';
export { DEFAULT_PASSWORD_LENGTH, DEFAULT_SPECIAL_CHARACTERS, generatePassword } from './generate-password.js';
export type { RandomFill } from './unbiased-random.js';
