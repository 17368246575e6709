// The operator's switches for one server process (all off or empty by default: the safe defaults).

/** Governance and behaviour options, set from the command line. */
export interface ServerOptions {
  /** Write tools are not registered at all. */
  readonly readOnly: boolean;
  /** Folder UIDs or names; only records below them exist for the model. Empty: everything the app shares. */
  readonly folderScope: readonly string[];
  /** Reveal without a human when the client cannot elicit (off: refuse). */
  readonly allowRevealWithoutApproval: boolean;
  /** Only these tools (when given). */
  readonly enabledTools?: ReadonlySet<string> | undefined;
  readonly disabledTools: ReadonlySet<string>;
  /** JSONL audit log file; none when absent. */
  readonly auditLog?: string | undefined;
}

/** The defaults: read-write, no scope, approvals required, every tool on, no audit file. */
export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  readOnly: false,
  folderScope: [],
  allowRevealWithoutApproval: false,
  disabledTools: new Set(),
};
