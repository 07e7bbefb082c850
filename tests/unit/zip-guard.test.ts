/**
 * The ZIP limits of uploads (yauzl under `inspectZip`): entry count, declared total, ratio — all refused
 * from the central directory before anything is inflated — and an entry that inflates past its declared
 * size refused while it inflates. Archives are written by hand so that the sizes (and lies) are exact.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { inspectZip, MAX_ENTRIES, MAX_RATIO, RATIO_GRACE_BYTES } from '@gz/server/modules/exchange/zip-guard.ts';
import { ProblemError } from '@gz/server/lib/problem.ts';

interface Entry {
  name: string;
  data: Buffer;
  declaredSize?: number;
  stored?: boolean;
}

function zip(entries: Entry[], countOverride?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = e.stored ? e.data : deflateRawSync(e.data);
    const method = e.stored ? 0 : 8;
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(countOverride ?? entries.length, 8);
  end.writeUInt16LE(countOverride ?? entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Runs inspectZip and returns what it refused with (status and code), or the parts it showed. */
async function inspect(buf: Buffer, budget?: number) {
  const seen: Array<[string, string]> = [];
  try {
    await inspectZip(buf, (name, content) => seen.push([name, content.toString('utf8')]), budget);
    return { seen };
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return { status: error.status, code: error.code, seen };
  }
}

describe('inspectZip', () => {
  test('shows every part, deflated or stored, with its unpacked content', async () => {
    const result = await inspect(
      zip([
        { name: 'a.xml', data: Buffer.from('<a>hello</a>') },
        { name: 'b.bin', data: Buffer.from('stored as is'), stored: true },
      ]),
    );
    expect(result).toEqual({
      seen: [
        ['a.xml', '<a>hello</a>'],
        ['b.bin', 'stored as is'],
      ],
    });
  });

  test('more parts than allowed: 413 from the directory, nothing inflated', async () => {
    const entries = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => ({ name: `p${i}`, data: Buffer.from('x') }));
    expect(await inspect(zip(entries))).toEqual({ status: 413, code: 'file_too_large', seen: [] });
    // exactly the limit is read
    const ok = await inspect(zip(entries.slice(0, MAX_ENTRIES)));
    expect(ok.seen).toHaveLength(MAX_ENTRIES);
  }, 60_000);

  test('a declared total over the budget: 413 before anything is inflated', async () => {
    // two honest parts of 600 bytes each against a 1000-byte budget; the first alone would fit
    const part = Buffer.from('abcdefghij'.repeat(60));
    const result = await inspect(
      zip([
        { name: 'one', data: part },
        { name: 'two', data: part },
      ]),
      1000,
    );
    expect(result).toEqual({ status: 413, code: 'file_too_large', seen: [] });
    expect((await inspect(zip([{ name: 'one', data: part }]), 1000)).seen).toHaveLength(1);
  });

  test('a part over the grace size that packs more than 1000:1 is refused before inflating', async () => {
    const blanks = Buffer.alloc(2 * RATIO_GRACE_BYTES, 0x20); // 2 MiB of blanks deflate 1023:1
    expect(deflateRawSync(blanks).length * MAX_RATIO).toBeLessThan(blanks.length);
    expect(await inspect(zip([{ name: 'bomb', data: blanks }]))).toEqual({
      status: 413,
      code: 'file_too_large',
      seen: [],
    });
    // the same ratio at the grace size itself is allowed, and so is a sheet of identical cells (about 400:1)
    const small = Buffer.alloc(RATIO_GRACE_BYTES, 0x20);
    expect((await inspect(zip([{ name: 'small', data: small }]))).seen).toHaveLength(1);
    const cells = Buffer.from('<c><v>1</v></c>'.repeat(200_000));
    expect(deflateRawSync(cells).length * 300).toBeLessThan(cells.length);
    expect((await inspect(zip([{ name: 'cells', data: cells }]))).seen).toHaveLength(1);
  });

  test('a part that inflates past the size it declares is refused with 413 while inflating', async () => {
    const lie = { name: 'liar', data: Buffer.alloc(10 * 1024 * 1024, 0x20), declaredSize: 100 };
    const result = await inspect(zip([{ name: 'first', data: Buffer.from('ok') }, lie]));
    expect(result).toEqual({ status: 413, code: 'file_too_large', seen: [['first', 'ok']] });
  });

  test('no archive, a damaged directory or truncated data: 400', async () => {
    expect(await inspect(Buffer.from('not a zip at all'))).toMatchObject({ status: 400, code: 'unreadable_file' });
    const good = zip([{ name: 'a.xml', data: Buffer.from('<a>hello hello hello</a>') }]);
    expect(await inspect(zip([{ name: 'a', data: Buffer.from('x') }], 3))).toMatchObject({ status: 400 });
    const cut = Buffer.concat([good.subarray(0, 40), good.subarray(good.length - 70)]);
    expect(await inspect(cut)).toMatchObject({ status: 400, code: 'unreadable_file' });
  });
});
