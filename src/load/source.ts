// Reading a source file safely: size and type guards, UTF-8 only, BOM and CRLF accepted, symlinks out of the
// content folder refused, and the front matter split off with the line where each part starts.
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** A report source is a few kilobytes; anything near this is not a report. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export class SourceFileError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

/** One strict decoder for every file: a whole-buffer decode keeps no state between calls. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a text source under `root`, refusing what is not a plain UTF-8 text file inside it. */
export function readSourceText(file: string, root: string): string {
  const st = lstatSync(file);
  if (st.isSymbolicLink()) {
    const real = realpathSync(file);
    const realRoot = realpathSync(root);
    if (!real.startsWith(realRoot + path.sep)) {
      throw new SourceFileError('符号链接指向内容目录之外', '报告文件必须放在 reports/ 目录内，请用实际文件替换该链接');
    }
  }
  // lstat already describes a file that is not a link.
  const size = st.isSymbolicLink() ? statSync(file).size : st.size;
  if (size > MAX_SOURCE_BYTES) {
    throw new SourceFileError(`文件过大（${(size / 1024 / 1024).toFixed(1)} MB）`, `报告源文件不应超过 ${MAX_SOURCE_BYTES / 1024} KB；请检查是否误放了其他文件`);
  }
  const bytes = readFileSync(file);
  if (bytes.includes(0)) throw new SourceFileError('这不是文本文件（含有二进制内容）', '报告源文件应为 UTF-8 编码的文本');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new SourceFileError('文件不是 UTF-8 编码', '请用 UTF-8 编码另存此文件（不要用 GBK/GB2312）');
  }
  // Editors on Windows save with a BOM and CRLF: both are fine.
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export interface FrontMatterSplit {
  yaml: string;
  /** 1-based file line of the first YAML line. */
  yamlLine: number;
  body: string;
  /** 1-based file line of the first body line. */
  bodyLine: number;
}

export function splitFrontMatter(text: string): FrontMatterSplit {
  if (text.trim() === '') throw new SourceFileError('文件是空的', '报告文件以 --- 开头的数据部分和正文组成，可用 nianbao new 生成');
  const lines = text.split('\n');
  if (lines[0]!.trim() !== '---') {
    throw new SourceFileError('文件应以 --- 开始数据部分（front matter）', '第一行写 ---，接着是报告信息和表格数据，再以 --- 结束');
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new SourceFileError('数据部分没有以 --- 结束', '在表格数据之后、正文之前加一行 ---');
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}
