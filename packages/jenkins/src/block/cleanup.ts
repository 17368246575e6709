// The cleanup list of a block: every file and directory is registered before it is created, removed in reverse.
import { rmdirSync, rmSync } from 'node:fs';

/** Paths a block created, in creation order (directories we made, files we wrote). */
export interface CleanupState {
  readonly files: string[];
  readonly dirs: string[];
}

/**
 * A cleanup list. Register a path before creating it, so a failure or signal at any point still removes it;
 * `run()` is synchronous (safe in a signal handler) and idempotent.
 *
 * @example
 * const cleanup = new Cleanup();
 * cleanup.file('/ws/cert.pem'); writeFileSync('/ws/cert.pem', data, { mode: 0o600 });
 * cleanup.run();
 */
export class Cleanup {
  readonly state: CleanupState;

  constructor(state: CleanupState = { files: [], dirs: [] }) {
    this.state = state;
  }

  private closed = false;

  file(path: string): void {
    this.open();
    this.state.files.push(path);
  }

  dir(path: string): void {
    this.open();
    this.state.dirs.push(path);
  }

  /** After `run()` nothing new may be created: a late write (a signal during setup) fails instead of leaking. */
  private open(): void {
    if (this.closed) throw new Error('the block was stopped; nothing more is written');
  }

  /** Removes every registered file, then the directories we created (deepest first); returns paths it could not remove. */
  run(): string[] {
    this.closed = true;
    const left: string[] = [];
    for (const file of this.state.files.splice(0).reverse()) {
      try {
        rmSync(file, { force: true });
      } catch {
        left.push(file);
      }
    }
    for (const dir of this.state.dirs.splice(0).reverse()) {
      try {
        rmdirSync(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') left.push(dir);
      }
    }
    return left;
  }
}
