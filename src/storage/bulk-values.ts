/**
 * The placeholder list of a SQLite multi-row insert, `(?, ?, …), (?, ?, …)`, built once per shape:
 * the bulk paths (media-bulk-sql.ts, entry-bulk-sql.ts) use a few fixed shapes, so their texts
 * repeat and the statement cache prepares each once per connection.
 */
const texts = new Map<string, string>();

export function sqliteValues(rows: number, columns: number): string {
  const key = `${rows}x${columns}`;
  let text = texts.get(key);
  if (text === undefined) {
    const one = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    text = Array.from({ length: rows }, () => one).join(', ');
    texts.set(key, text);
  }
  return text;
}
