/** Where segments live under the database directory. */
export const SEGMENTS_DIRECTORY = 'segments';
/** File names inside one segment directory; a segment is immutable once its directory is named. */
export const SEGMENT_RECORDS = 'records.ndjson';
export const SEGMENT_INDEX = 'index.tsv';
