import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { problem } from '../../lib/problem.ts';

/** Largest total an uploaded workbook may unpack to: a 50,000-row sheet needs a fraction of it. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Most parts an archive may hold (a workbook has a few dozen). */
export const MAX_ENTRIES = 5000;
/**
 * Largest ratio of unpacked to packed size for one part, past {@link RATIO_GRACE_BYTES}. Deflate cannot
 * exceed about 1032 to 1, reached only by uniform data (a bomb); spreadsheet XML packs about 10 to 1, a
 * sheet of identical cells about 400 to 1 (Apache POI's 100 to 1 refuses such honest sheets).
 */
export const MAX_RATIO = 1000;
/** Parts up to this unpacked size are not held to {@link MAX_RATIO} (small parts are harmless). */
export const RATIO_GRACE_BYTES = 1024 * 1024;

export const unreadable = (why: string) =>
  problem('unreadable_file', `The file cannot be read: ${why}`, [{ field: 'body', message: why }]);
const tooLarge = (why: string) => problem('file_too_large', why, [{ field: 'body', message: why }]);
const overBudget = (budget: number) => tooLarge(`the workbook unpacks to more than ${budget / 1024 / 1024} MiB`);

const openZip = (buf: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });

/** Reads the central directory only: names and declared sizes, nothing inflated. */
const listEntries = (zip: yauzl.ZipFile) =>
  new Promise<yauzl.Entry[]>((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });

const openEntry = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });

/** Inflates one entry; yauzl fails the stream as soon as it yields more bytes than the entry declared. */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const stream = await openEntry(zip, entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Unpacks every entry of a zip archive (an xlsx file) within limits, before exceljs unpacks it
 * without any, using yauzl (a maintained ZIP reader). The limits are checked on the central
 * directory before anything is inflated: at most {@link MAX_ENTRIES} parts, at most `budget` bytes
 * declared in total, no part larger than {@link RATIO_GRACE_BYTES} that unpacks more than
 * {@link MAX_RATIO} times its packed size. A part that inflates to more than it declared is refused
 * by the reader as soon as it does (so memory stays within the declared total). Each unpacked entry
 * is shown to `visit`, which may inspect it (and throw to refuse the file). Unreadable → 400, too
 * large → 413.
 */
export async function inspectZip(
  buf: Buffer,
  visit: (name: string, content: Buffer) => void,
  budget = MAX_UNPACKED_BYTES,
): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(buf);
  } catch {
    throw unreadable('not an xlsx workbook (no zip directory found)');
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) throw tooLarge(`the workbook holds more than ${MAX_ENTRIES} parts`);
    const entries = await listEntries(zip).catch(() => {
      throw unreadable('damaged zip directory');
    });
    let declared = 0;
    for (const entry of entries) {
      declared += entry.uncompressedSize;
      if (declared > budget) throw overBudget(budget);
      if (
        entry.uncompressedSize > RATIO_GRACE_BYTES &&
        entry.uncompressedSize > MAX_RATIO * Math.max(1, entry.compressedSize)
      ) {
        throw tooLarge(`a part of the workbook unpacks to more than ${MAX_RATIO} times its packed size`);
      }
    }
    for (const entry of entries) {
      let content: Buffer;
      try {
        content = await readEntry(zip, entry);
      } catch (error) {
        const message = error instanceof Error ? error.message : '';
        // an entry that lies about its size (yauzl's AssertByteCountStream): a bomb in disguise
        if (/too many bytes in the stream/.test(message)) throw overBudget(budget);
        if (/unsupported compression method/.test(message)) throw unreadable('unsupported zip compression method');
        throw unreadable('damaged zip entry');
      }
      visit(entry.fileName, content);
    }
  } finally {
    zip.close();
  }
}
