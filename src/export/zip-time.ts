// Zip writers stamp every entry with the current time, so two builds of the same workbook differ. This sets every
// entry's DOS date and time — in the central directory and in each local header — to a date from the data, in
// place, without touching anything else (the CRCs cover the data, not the header).
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Extra fields that carry their own timestamps: extended timestamp, NTFS, Info-ZIP Unix (old). */
const TIMESTAMP_EXTRAS = new Set([0x5455, 0x000a, 0x5855]);

/** DOS date and time (midnight) of a YYYY-MM-DD date. */
export function dosDate(isoDate: string): { date: number; time: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`zip: not a date: ${isoDate}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1980 || y > 2107) throw new Error(`zip: year out of the DOS range: ${isoDate}`);
  return { date: ((y - 1980) << 9) | (mo << 5) | d, time: 0 };
}

function checkExtras(extra: Buffer, name: string): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    if (TIMESTAMP_EXTRAS.has(id)) throw new Error(`zip: entry ${name} carries a timestamp extra field (0x${id.toString(16)})`);
    p += 4 + extra.readUInt16LE(p + 2);
  }
}

function read(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  if (n !== length) throw new Error('zip: unexpected end of file');
  return buf;
}

/** Stamps every entry of the zip file with the given date; returns the number of entries. */
export function stampZipEntries(file: string, isoDate: string): number {
  const { date, time } = dosDate(isoDate);
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = read(fd, tailLength, size - tailLength);
    let e = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        e = i;
        break;
      }
    }
    if (e < 0) throw new Error(`zip: no end of central directory in ${file}`);
    const entries = tail.readUInt16LE(e + 10);
    const cdSize = tail.readUInt32LE(e + 12);
    const cdOffset = tail.readUInt32LE(e + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new Error('zip: ZIP64 archives are not supported');
    const cd = read(fd, cdSize, cdOffset);
    let p = 0;
    for (let k = 0; k < entries; k++) {
      if (cd.readUInt32LE(p) !== CENTRAL) throw new Error('zip: bad central directory entry');
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      checkExtras(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), name);
      cd.writeUInt16LE(time, p + 12);
      cd.writeUInt16LE(date, p + 14);
      const localOffset = cd.readUInt32LE(p + 42);
      const local = read(fd, 30, localOffset);
      if (local.readUInt32LE(0) !== LOCAL) throw new Error(`zip: bad local header for ${name}`);
      const localExtra = local.readUInt16LE(28);
      if (localExtra) checkExtras(read(fd, localExtra, localOffset + 30 + local.readUInt16LE(26)), name);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      writeSync(fd, local, 10, 4, localOffset + 10);
      p += 46 + nameLength + extraLength + commentLength;
    }
    writeSync(fd, cd, 0, cdSize, cdOffset);
    return entries;
  } finally {
    closeSync(fd);
  }
}
