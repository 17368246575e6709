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
  /** Programs run_with_secrets may run (names looked up on PATH, or absolute paths); empty: the tool is off. */
  readonly allowExec: readonly string[];
  /** Longest run_with_secrets may take, in ms. */
  readonly execTimeoutMs: number;
  /** Most bytes of stdout (and of stderr) returned by run_with_secrets, and of a response body of http_request. */
  readonly outputCapBytes: number;
  /** Hosts (`host`, `host:port`, `*.domain`) http_request may call; records may narrow it with `mcp_allowed_hosts`. */
  readonly allowHosts: readonly string[];
  /** Directories upload_file reads from and download_file writes to; empty: the file tools are off. */
  readonly fileDirs: readonly string[];
  /** Largest file upload_file or download_file handles, in bytes. */
  readonly maxFileBytes: number;
}

/** The defaults: read-write, no scope, approvals required, every tool on, no audit file. */
export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  readOnly: false,
  folderScope: [],
  allowRevealWithoutApproval: false,
  disabledTools: new Set(),
  allowExec: [],
  execTimeoutMs: 30_000,
  outputCapBytes: 64 * 1024,
  allowHosts: [],
  fileDirs: [],
  maxFileBytes: 10 * 1024 * 1024,
};
