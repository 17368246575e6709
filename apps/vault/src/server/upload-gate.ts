// Admission for uploads: at most N at once, and one at a time per file (refused at once, never queued).
import { protocolError } from './errors.js';

/** Tracks running uploads. */
export interface UploadGate {
  /** Admits an upload of `fileUid` or throws (503 when full, 409 when that file is already uploading). */
  acquire(fileUid: string): () => void;
  /** How many uploads run now. */
  readonly running: number;
}

/**
 * Creates a gate admitting at most `max` concurrent uploads. A refused upload gets 503 `busy` with
 * `retry_after` (seconds), before any of its body is read.
 *
 * @example
 * const release = gate.acquire(fileUid);
 * try { await store(); } finally { release(); }
 */
export function createUploadGate(max: number): UploadGate {
  const active = new Set<string>();
  return {
    acquire(fileUid) {
      if (active.has(fileUid)) {
        throw protocolError('bad_request', 409, 'This file is being uploaded by another request', {
          resultCode: 'upload_in_progress',
        });
      }
      if (active.size >= max) {
        throw protocolError('busy', 503, 'Too many uploads at once; retry shortly', { retryAfter: 5 });
      }
      active.add(fileUid);
      let released = false;
      return () => {
        if (!released) active.delete(fileUid);
        released = true;
      };
    },
    get running() {
      return active.size;
    },
  };
}
