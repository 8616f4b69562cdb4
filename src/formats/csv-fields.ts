/**
 * One line of CSV split into fields (RFC 4180 quoting: `"a,b"`, `""` for a quote; no line breaks
 * inside fields, as hash lists never have them), and the other way round. The separator is found
 * once per file: tab, semicolon or pipe when the line holds one and no comma, else comma.
 */

export type Separator = ',' | '\t' | ';' | '|';

export function detectSeparator(line: string): Separator {
  if (line.includes(',')) return ',';
  for (const s of ['\t', ';', '|'] as const) if (line.includes(s)) return s;
  return ',';
}

/** Fields of a line; `null` when a quote is left open. */
export function splitCsvLine(line: string, separator: Separator = ','): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = line.indexOf(separator, i);
      fields.push(value + (next < 0 ? line.slice(i) : line.slice(i, next)));
      if (next < 0) return fields;
      i = next + 1;
    } else {
      const next = line.indexOf(separator, i);
      if (next < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, next));
      i = next + 1;
    }
  }
}

/** A field quoted when it needs to be; a leading = + - @ is defused so spreadsheets do not run it. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (/^[=+\-@]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',');
}
