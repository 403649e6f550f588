// Problems found in sources, addressed to the editor: file, line, column, what, expected, how to fix.
export type Severity = 'error' | 'warning';

export interface Pos {
  /** 1-based line in the source file. */
  line: number;
  /** 1-based column (characters). */
  col: number;
}

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  /** Stable rule id: YAML, KEY, DOM, T3-BAL, … */
  rule: string;
  /** What is wrong, in the editor's terms (official labels). */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** For a warning the editor accepted in the source (警告说明): the reason given. */
  waived?: string;
}

/** Positions interned by line and column (at most this many kept). */
const POS_LIMIT = 500_000;
const positions = new Map<number, Pos>();
/** The usual positions, in a grid rather than the map: an array index is cheaper than a hash lookup. */
const GRID_LINES = 4096;
const GRID_COLS = 256;
const grid = new Array<Array<Pos | undefined> | undefined>(GRID_LINES);

/**
 * The shared, frozen Pos of a line and column. Every cell of every report carries its position, and report files
 * share their layout, so most positions repeat: one object per distinct (line, column) instead of one per cell.
 */
export function posAt(line: number, col: number): Pos {
  if (line >>> 0 === line && col >>> 0 === col && line < GRID_LINES && col < GRID_COLS) {
    const row = (grid[line] ??= new Array<Pos | undefined>(GRID_COLS));
    return (row[col] ??= Object.freeze({ line, col }));
  }
  const key = line * 0x100000 + col;
  let pos = positions.get(key);
  if (!pos) {
    pos = Object.freeze({ line, col });
    if (positions.size < POS_LIMIT && col < 0x100000) positions.set(key, pos);
  }
  return pos;
}

/** Collects every problem of a run; loading goes on after an error so that all are reported at once. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  constructor(readonly file: string) {}

  error(pos: Pos | undefined, rule: string, message: string, hint?: string): void {
    this.add('error', pos, rule, message, hint);
  }

  warn(pos: Pos | undefined, rule: string, message: string, hint?: string): void {
    this.add('warning', pos, rule, message, hint);
  }

  private add(severity: Severity, pos: Pos | undefined, rule: string, message: string, hint?: string): void {
    this.items.push({ file: this.file, line: pos?.line ?? 1, col: pos?.col ?? 1, severity, rule, message, hint });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}

/** `reports/x/2022.md:41:7 错误 T3-BAL …` then an indented hint: the human (default) output. */
export function formatHuman(d: Diagnostic): string {
  const sev = d.severity === 'error' ? '错误' : d.waived ? '警告（已说明）' : '警告';
  return `${d.file}:${d.line}:${d.col} ${sev} ${d.rule} ${d.message}${d.hint ? `\n    提示：${d.hint}` : ''}`;
}

/** Thrown when sources cannot be loaded; carries every diagnostic. Caught by the CLI, never shown as a stack. */
export class SourceErrors extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(sortDiagnostics(diagnostics).filter((d) => d.severity === 'error').map(formatHuman).join('\n'));
    this.name = 'SourceErrors';
  }
}
