import type { ScanReport } from '../report.js';
import { renderJson } from './jsonReporter.js';
import { renderJunit } from './junitReporter.js';
import { renderSarif } from './sarifReporter.js';
import { renderTable } from './tableReporter.js';

export const FORMATS = ['table', 'json', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colours, for `table` only. */
  color: boolean;
}

/** The report in the given format, as the text to print or write. */
export function render(format: Format, report: ScanReport, options: RenderOptions): string {
  switch (format) {
    case 'table':
      return renderTable(report, options);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'junit':
      return renderJunit(report);
  }
}
