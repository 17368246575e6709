// Decrypted shapes the device-side key chain returns: records, their files and shared folders.
import type { AesKey, FolderKey } from '../crypto/aes-key.js';
import type { FileMetadata, RecordData, RecordFileView, RecordView } from '../record/types.js';

/** A decrypted file attachment; `fileKey` decrypts the download (`gcmDecrypt(fileKey, body)`). */
export interface DecryptedFile extends RecordFileView {
  readonly fileUid: string;
  /** AES-GCM key of the file content and thumbnail (non-extractable CryptoKey, or opaque with a cipher backend). */
  readonly fileKey: AesKey;
  readonly metadata: FileMetadata;
  readonly url: string | null;
  readonly thumbnailUrl: string | null;
}

/** A decrypted record. `data` is the record JSON as stored (unknown keys kept) for lossless updates. */
export interface DecryptedRecord extends RecordView<DecryptedFile> {
  readonly recordUid: string;
  /** AES-GCM key that decrypts links and encrypts updates / new file keys (CryptoKey, or opaque with a backend). */
  readonly recordKey: AesKey;
  readonly data: RecordData;
  readonly revision: number;
  readonly isEditable: boolean;
  /** The shared folder the record came through; null for a direct share (top-level `records[]`). */
  readonly folderUid: string | null;
  /** The sub-folder inside the shared folder where the record lives; null at the folder root. */
  readonly innerFolderUid: string | null;
  readonly files: readonly DecryptedFile[];
  /** `links[]` exactly as received (present only when `requestLinks` was sent). */
  readonly links: readonly unknown[] | null;
}

/** A shared folder of get_secret with its unwrapped key. */
export interface DecryptedSharedFolder {
  readonly folderUid: string;
  readonly folderKey: FolderKey;
  readonly isEditable: boolean;
}
