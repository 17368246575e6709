// JSON shapes of get_secret / get_folders responses as they travel (spec §5.1.3, §5.2); base64 fields are strings.

/** A file entry of a record (spec §5.1.3). */
export interface WireFile {
  fileUid: string;
  /** std b64 GCM(recordKey, fileKey). */
  fileKey: string;
  /** std b64 GCM(fileKey, file metadata JSON). */
  data: string;
  url: string | null;
  thumbnailUrl: string | null;
}

/** A record entry, top-level (direct share) or inside a shared folder. */
export interface WireRecord {
  recordUid: string;
  /** std b64 GCM(appKey or sharedFolderKey, recordKey). */
  recordKey: string;
  /** std b64 GCM(recordKey, record JSON). */
  data: string;
  revision: number;
  isEditable: boolean;
  files: WireFile[] | null;
  folderUid: string | null;
  innerFolderUid: string | null;
  links?: unknown[] | null;
}

/** A folder entry: get_secret shared folders carry records; get_folders entries carry `data` and `parent`. */
export interface WireFolder {
  folderUid: string;
  /** std b64: GCM(appKey, key) for root shared folders, CBC(rootSharedFolderKey, key) for sub-folders. */
  folderKey: string;
  /** std b64 CBC(folderKey, {"name":…}) in get_folders; null in get_secret. */
  data: string | null;
  parent: string | null;
  isEditable?: boolean;
  records: WireRecord[] | null;
}

/** The decrypted JSON of a get_secret (or get_folders) response. */
export interface WireSecretsResponse {
  /** url b64 GCM(appKey, {"title","type"}). */
  appData?: string | null;
  encryptedAppKey?: string | null;
  appOwnerPublicKey?: string | null;
  folders: WireFolder[] | null;
  records: WireRecord[] | null;
  expiresOn?: number | null;
  warnings?: string[] | null;
  extra?: Record<string, unknown> | null;
}
