/**
 * What the importer could not convert, or changed in a way the author should check, each at a
 * line of the input file. The import keeps going past every item: a report is a value, not an error.
 */
export type ReportKind = 'not-converted' | 'changed';

export interface ReportItem {
  /** Line of the input file (1-based). */
  line: number;
  kind: ReportKind;
  message: string;
}

export class Report {
  private readonly items: ReportItem[] = [];

  notConverted(line: number, message: string): void {
    this.items.push({ line, kind: 'not-converted', message });
  }

  changed(line: number, message: string): void {
    this.items.push({ line, kind: 'changed', message });
  }

  /** Items in the order of the input file; items on the same line keep the order they were found in. */
  list(): ReportItem[] {
    return this.items.map((item, i) => ({ item, i })).sort((a, b) => a.item.line - b.item.line || a.i - b.i).map(({ item }) => item);
  }
}

const LABEL: Record<ReportKind, string> = { 'not-converted': 'not converted', changed: 'changed' };

/** One line per item, `file:line: not converted: what`, the way compilers place their messages. */
export function formatReport(file: string, items: readonly ReportItem[]): string {
  return items.map((item) => `${file}:${item.line}: ${LABEL[item.kind]}: ${item.message}\n`).join('');
}
