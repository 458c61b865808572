/** A 1-based position in a file. */
export interface Position {
  line: number;
  column: number;
}

/** Something a parser could not read, with where it is; the scan goes on. */
export interface ParseWarning extends Position {
  message: string;
}
