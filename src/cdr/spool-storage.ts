// The spool's port to a directory of files. src/cdr holds the spool logic (segments, group
// commit, rotation, shipping cursor) and never touches the file system itself: src/app injects
// the node:fs adapter (src/app/cdr-spool-fs.ts), as it is the only layer that reads files.

/** A segment open for appending. */
export interface SpoolFile {
  /** Appends all of `data` at the end of the file. */
  write(data: Uint8Array): Promise<void>;
  /** Makes everything written so far durable (fdatasync). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface SpoolStorage {
  /** Names of the files in the directory, in any order. */
  list(): Promise<string[]>;
  /** Creates a new, empty file (failing if it exists) and makes its directory entry durable. */
  create(name: string): Promise<SpoolFile>;
  /** Up to `length` bytes from `offset`; fewer at the end of the file. */
  read(name: string, offset: number, length: number): Promise<Uint8Array>;
  remove(name: string): Promise<void>;
  /** Replaces the file's content with `text` atomically and durably. */
  writeAtomic(name: string, text: string): Promise<void>;
  /** The file's content, or undefined if there is no such file. */
  readText(name: string): Promise<string | undefined>;
}
