// Readable JSON that stays small: a value goes on one line when it fits; otherwise an object's members go one per
// line, and an array's short items are packed several to a line. (JSON.stringify with indentation puts every
// array item on its own line, which multiplies a schema's size.)

/** `lead`: characters already on the line before the value (its key). */
export function prettyJson(value: unknown, width = 120, indent = '', lead = 0): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) throw new Error('prettyJson: value is not JSON');
  if (value === null || typeof value !== 'object' || indent.length + lead + flat.length <= width) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => prettyJson(v, width, inner));
    const lines: string[] = [];
    let line = '';
    for (const item of items) {
      const multiline = item.includes('\n');
      if (line && (multiline || inner.length + line.length + 2 + item.length > width)) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line}, ${item}` : item;
      if (multiline) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    return `[\n${lines.map((l) => inner + l).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, width, inner, JSON.stringify(k).length + 2)}`).join(',\n')}\n${indent}}`;
}
