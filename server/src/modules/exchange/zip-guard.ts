import { inflateRawSync } from 'node:zlib';
import { ProblemError } from '../../lib/problem.ts';

/** Largest total an uploaded workbook may unpack to: a 50,000-row sheet needs a fraction of it. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 5000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export const unreadable = (why: string) =>
  new ProblemError(400, 'unreadable_file', 'Bad Request', `The file cannot be read: ${why}`, [{ field: 'body', message: why }]);
const tooLarge = (why: string) => new ProblemError(413, 'file_too_large', 'Payload Too Large', why, [{ field: 'body', message: why }]);

/**
 * Unpacks every entry of a zip archive (an xlsx file) within a budget, before exceljs unpacks it
 * without one: a zip bomb, or an entry that declares a small size and inflates to a huge one, is
 * refused after at most `budget` bytes were inflated — never by running out of memory. Each
 * unpacked entry is shown to `visit`, which may inspect it (and throw to refuse the file).
 */
export function inspectZip(buf: Buffer, visit: (name: string, content: Buffer) => void, budget = MAX_UNPACKED_BYTES): void {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw unreadable('not an xlsx workbook (no zip directory found)');
  const count = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw unreadable('ZIP64 archives are not supported');
  if (count > MAX_ENTRIES) throw tooLarge(`the workbook holds more than ${MAX_ENTRIES} parts`);

  let declared = 0;
  let inflated = 0;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw unreadable('damaged zip directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLength));
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);

    declared += size;
    if (declared > budget) throw tooLarge(`the workbook unpacks to more than ${budget / 1024 / 1024} MiB`);
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw unreadable('damaged zip entry');
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (start + compressed > buf.length) throw unreadable('truncated zip entry');
    const data = buf.subarray(start, start + compressed);

    let content: Buffer;
    if (method === 0) content = data;
    else if (method === 8) content = inflateWithin(data, budget - inflated, budget);
    else throw unreadable(`unsupported zip compression method ${method}`);
    inflated += content.length;
    if (inflated > budget) throw tooLarge(`the workbook unpacks to more than ${budget / 1024 / 1024} MiB`);
    visit(name, content);
  }
}

function inflateWithin(data: Buffer, remaining: number, budget: number): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, remaining) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(`the workbook unpacks to more than ${budget / 1024 / 1024} MiB`);
    throw unreadable('damaged compressed data');
  }
}

/** The end-of-central-directory record sits in the last 22 bytes plus an archive comment of up to 64 KiB. */
function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}
