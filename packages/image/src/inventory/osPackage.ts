/** An installed distribution package, as its package database records it. */
export interface OsPackage {
  name: string;
  version: string;
  arch?: string;
  /** The source package advisories are filed under, and its version. */
  sourceName: string;
  sourceVersion: string;
  /** RPM epoch, when the database records one. */
  epoch?: number;
  /** Line of the database entry (text databases). */
  line?: number;
}

/** Packages read from one database file, and what could not be read. */
export interface OsPackageParse {
  packages: OsPackage[];
  warnings: string[];
}
