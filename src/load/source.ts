// Reading a source file safely: size and type guards, UTF-8 only, BOM and CRLF accepted, symlinks out of the
// content folder refused, and the front matter split off with the line where each part starts.
import { createHash } from 'node:crypto';
import { isUtf8, transcode } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
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

const BOM = '\uFEFF';

/**
 * Valid UTF-8 as a string. V8's own UTF-8 decoding (Buffer#toString, TextDecoder) takes about 6 ms per MB of
 * Chinese text; ICU's transcoding to UTF-16, which a string is made of, takes a fifth of that. Same string.
 */
function decodeUtf8(bytes: Buffer): string {
  if (typeof transcode !== 'function') return bytes.toString('utf8'); // Node built without ICU
  return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
}

/** The hash of a source file's bytes as read (readSource): what a published copy must still match. */
export const bytesHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Reads a text source under `root`, refusing what is not a plain UTF-8 text file inside it. */
export const readSourceText = (file: string, root: string): string => sourceText(readPlainFile(file) ?? readChecked(file, root));

/** readSourceText, with the hash of the file's bytes (hashed as read: hashing the text would encode it again). */
export function readSource(file: string, root: string): { text: string; hash: string } {
  const bytes = readPlainFile(file) ?? readChecked(file, root);
  return { text: sourceText(bytes), hash: bytesHash(bytes) };
}

function sourceText(bytes: Buffer): string {
  if (bytes.includes(0)) throw new SourceFileError('这不是文本文件（含有二进制内容）', '报告源文件应为 UTF-8 编码的文本');
  // Validating, then decoding without checks, refuses the same bytes as a fatal TextDecoder (both follow the
  // WHATWG UTF-8 decoder: no overlong forms, surrogates or code points past U+10FFFF) in a fraction of the time.
  if (!isUtf8(bytes)) throw new SourceFileError('文件不是 UTF-8 编码', '请用 UTF-8 编码另存此文件（不要用 GBK/GB2312）');
  let text = decodeUtf8(bytes);
  // Editors on Windows save with a BOM and CRLF: both are fine. Up to two BOMs go, as before: TextDecoder took one
  // and a replace the next.
  if (text.startsWith(BOM)) text = text.slice(text.startsWith(BOM, 1) ? 2 : 1);
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const tooLarge = (size: number) =>
  new SourceFileError(`文件过大（${(size / 1024 / 1024).toFixed(1)} MB）`, `报告源文件不应超过 ${MAX_SOURCE_BYTES / 1024} KB；请检查是否误放了其他文件`);

/** The bytes of `file`, after the checks: a link must point inside `root`, and no file may be too large. */
function readChecked(file: string, root: string): Buffer {
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
  if (size > MAX_SOURCE_BYTES) throw tooLarge(size);
  return readFileSync(file);
}

/**
 * readChecked for the usual file, in fewer system calls: opened without following a link, so that the checks
 * on links are not needed; undefined when the file cannot be opened so (a link, a missing file), for readChecked
 * to read it or report the problem as it always did.
 */
function readPlainFile(file: string): Buffer | undefined {
  if (constants.O_NOFOLLOW === undefined) return undefined;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_SOURCE_BYTES) throw tooLarge(size);
    // As readFileSync reads a file whose size it knows: up to that size (a directory fails here, as there).
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    for (let n = -1; at < size && n !== 0; at += n) n = readSync(fd, bytes, at, size - at, null);
    return at < size ? bytes.subarray(0, at) : bytes;
  } finally {
    closeSync(fd);
  }
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
  // /\S/ and trim() know the same whitespace: this is `text.trim() === ''` without copying the text.
  if (!/\S/.test(text)) throw new SourceFileError('文件是空的', '报告文件以 --- 开头的数据部分和正文组成，可用 nianbao new 生成');
  const firstEnd = lineEnd(text, 0);
  if (text.slice(0, firstEnd).trim() !== '---') {
    throw new SourceFileError('文件应以 --- 开始数据部分（front matter）', '第一行写 ---，接着是报告信息和表格数据，再以 --- 结束');
  }
  // The closing line: the first line after the first whose trimmed text is ---. Only lines holding --- can be.
  let start = -1;
  let end = -1;
  for (let at = text.indexOf('---', firstEnd); at >= 0; ) {
    const s = text.lastIndexOf('\n', at) + 1;
    const e = lineEnd(text, at);
    if (s > firstEnd && text.slice(s, e).trim() === '---') {
      start = s;
      end = e;
      break;
    }
    at = e < text.length ? text.indexOf('---', e + 1) : -1;
  }
  if (start < 0) throw new SourceFileError('数据部分没有以 --- 结束', '在表格数据之后、正文之前加一行 ---');
  const yaml = start > firstEnd + 1 ? text.slice(firstEnd + 1, start - 1) : '';
  let closingLine = 2;
  for (let i = text.indexOf('\n', firstEnd + 1); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) closingLine++;
  return {
    yaml,
    yamlLine: 2,
    body: end < text.length ? text.slice(end + 1) : '',
    bodyLine: closingLine + 1,
  };
}

/** The index of the line break ending the line at `from`, or the text's length. */
function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}
