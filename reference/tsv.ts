// The reference tables' one TSV shape: '#' lines are comments, blank lines are skipped, the first
// other line is the header and must name exactly the expected columns.

export interface TsvRow {
  /** The row's fields, split on tabs. */
  fields: string[];
  /** Its 1-based line in the file, for error messages. */
  line: number;
}

/** The data rows of `tsv`; throws when the header is not `columns` or a row has another number of fields. */
export function tsvRows(tsv: string, columns: readonly string[], what: string): TsvRow[] {
  const rows = tsv
    .split('\n')
    .map((l, i) => ({ text: l.replace(/\r$/, ''), line: i + 1 }))
    .filter((r) => r.text.trim() !== '' && !r.text.startsWith('#'));
  const header = rows.shift();
  if (!header || header.text.split('\t').join(',') !== columns.join(',')) {
    throw new Error(`${what}: expected header ${columns.join(', ')}`);
  }
  return rows.map(({ text, line }) => {
    const fields = text.split('\t');
    if (fields.length !== columns.length) {
      throw new Error(`${what} line ${line}: expected ${columns.length} columns, got ${fields.length}`);
    }
    return { fields, line };
  });
}
