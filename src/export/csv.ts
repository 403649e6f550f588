// CSV as Excel opens it correctly with Chinese text: UTF-8 with a byte order mark, CRLF line ends, RFC 4180
// quoting (a field is quoted only when it holds a comma, a quote or a line break; quotes are doubled), and numbers
// unquoted in plain decimal notation so that they arrive as numbers.

export const BOM = '\uFEFF';
export const EOL = '\r\n';

export type CsvValue = string | number | null;

/** A number in plain decimal notation (never 1e-7 or 1e+21, which spreadsheets would misread). */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`CSV: not a finite number: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Beyond 1e21 every double is an integer; below 1e-6, toFixed gives plain digits (trim its padding zeros).
  if (Number.isInteger(n)) return BigInt(n).toString();
  const fixed = n.toFixed(20);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

export function csvField(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return plainNumber(v);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const csvLine = (fields: readonly CsvValue[]): string => fields.map(csvField).join(',') + EOL;
