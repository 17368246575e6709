// Process exit codes shared by the `ksm` and `lkru` binaries: one distinct code per kind of failure.

/**
 * Exit codes. 0 success; 1 unexpected bug; 2 usage; 3 config/profile; 4 not found; 5 server/network;
 * 6 keyring missing; 7 keyring secret missing; 8 no D-Bus session; 9 D-Bus unavailable; 10 AWS;
 * 11 keyring locked (and no prompter to unlock it).
 *
 * @example
 * process.exitCode = EXIT.USAGE;
 */
export const EXIT = {
  OK: 0,
  BUG: 1,
  USAGE: 2,
  CONFIG: 3,
  NOT_FOUND: 4,
  SERVER: 5,
  KEYRING_NOT_FOUND: 6,
  KEYRING_SECRET_NOT_FOUND: 7,
  DBUS_NO_SESSION: 8,
  DBUS_UNAVAILABLE: 9,
  AWS: 10,
  KEYRING_LOCKED: 11,
} as const;

/** One of the values of `EXIT`. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
