/**
 * Random and hostile files never break the import: random bytes, damaged workbooks, random CSV
 * text, random cell values, random XML inside a valid archive and random multipart bodies always get
 * a status below 500 (a readable file is 200 or 422, a broken upload 400/413/415), as problem+json.
 * Hand-built archives check the limits: a zip bomb (honest or lying about its size), a named range
 * over a whole sheet, whole-sheet merges and validations, more than 600,000 cells or 50,000 rows.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, signIn, type Session } from '../helpers/app.ts';

const RUNS = 100;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = [
  '指标代码 code',
  '年份 year',
  '数值 value',
  '数据状态 dataStatus',
  '来源 source',
  '备注 note',
  '修订号 revision',
];

let app: FastifyInstance;
let editor: Session;
let exported: Buffer;

beforeAll(async () => {
  // hundreds of imports from one user: lift the per-user write limit so that they reach the route
  app = await buildTestApp({ WRITE_RATE_LIMIT: 1_000_000 });
  editor = await signIn(app, 'ed', 'editor', ['stats']);
  exported = (await app.inject({ method: 'GET', url: '/api/v1/export.xlsx', headers: editor.headers })).rawPayload;
});
afterAll(() => app.close());

const post = (body: Buffer | string, type: string, query = '') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/import${query}`,
    headers: { ...editor.headers, 'content-type': type },
    payload: body,
  });

/** No 5xx; every refusal is problem+json with its status and a code. */
function expectSafe(res: LightMyRequestResponse, allowed?: readonly number[]) {
  expect(res.statusCode, res.body.slice(0, 500)).toBeLessThan(500);
  if (allowed) expect(allowed, res.body.slice(0, 500)).toContain(res.statusCode);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as { status: number; code: string };
    expect(body.status).toBe(res.statusCode);
    expect(typeof body.code).toBe('string');
  }
}

describe('random files', () => {
  test('random bytes sent as xlsx, CSV or with a zip signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(XLSX, 'text/csv'),
        fc.boolean(),
        async (bytes, type, zipMagic) => {
          const body = zipMagic ? Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytes]) : Buffer.from(bytes);
          expectSafe(await post(body, type, '?dryRun=true'), [200, 400, 413, 422]);
        },
      ),
      { numRuns: RUNS },
    );
  }, 30_000);

  test('a real workbook with bytes overwritten or cut off', async () => {
    const edit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (edits, cut) => {
          const body = Buffer.from(exported);
          for (const { at, byte } of edits) body[at % body.length] = byte;
          expectSafe(
            await post(cut === undefined ? body : body.subarray(0, cut % body.length), XLSX, '?dryRun=true'),
            [200, 400, 413, 422],
          );
        },
      ),
      { numRuns: RUNS },
    );
  }, 30_000);

  test('random CSV text, with or without a valid header', async () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ',',
        '"',
        '""',
        '\r\n',
        '\n',
        '\r',
        "'",
        '=',
        '\ufeff',
        'gdp',
        '2023',
        '4800',
        'final',
        '初步核算',
        '统计公报',
      ),
      fc.string({ maxLength: 8 }),
    );
    const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(fc.boolean(), text, fc.boolean(), async (withHeader, body, dryRun) => {
        const csv = withHeader ? `${HEADER.join(',')}\r\n${body}` : body;
        expectSafe(await post(csv, 'text/csv', `?dryRun=${dryRun}`), [200, 400, 422]);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  test('random cell values under a valid header: 200 or 422, never anything else', async () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        'gdp',
        'retail_sales',
        'fdi_actual',
        '2023',
        '2021',
        '4800.5',
        '-3',
        '最终核实',
        'final',
        '1e3',
        '４５２３．６３',
        '1,234.5',
      ),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.date({ noInvalidDate: true }),
      // fast-check's records have no prototype, which exceljs's writer needs: spread them into plain objects
      fc
        .record({
          formula: fc.constantFrom('1+1', 'A1', 'SUM(B:B)'),
          result: fc.oneof(fc.integer(), fc.string({ maxLength: 5 })),
        })
        .map((v) => ({ ...v })),
      fc
        .array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 })
        .map((parts) => ({ richText: parts.map((text) => ({ text })) })),
      fc.constant({ error: '#N/A' as const }),
    );
    const row = fc.array(cell, { minLength: 7, maxLength: 7 });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 6 }), fc.boolean(), async (rows, dryRun) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('data');
        ws.addRow(HEADER);
        for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
        const body = Buffer.from(await wb.xlsx.writeBuffer());
        expectSafe(await post(body, XLSX, `?dryRun=${dryRun}`), [200, 422]);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  test('random multipart bodies', async () => {
    const boundary = 'fuzzboundary';
    const header = fc.constantFrom(
      `Content-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: ${XLSX}`,
      'Content-Disposition: form-data; name="file"; filename="a.csv"',
      'Content-Disposition: form-data; name="other"',
      'Content-Disposition: form-data',
      '',
    );
    const part = fc
      .tuple(header, fc.uint8Array({ maxLength: 300 }))
      .map(([h, data]) =>
        Buffer.concat([Buffer.from(`--${boundary}\r\n${h}\r\n\r\n`), Buffer.from(data), Buffer.from('\r\n')]),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(part, { maxLength: 3 }),
        fc.boolean(),
        fc.uint8Array({ maxLength: 50 }),
        async (parts, closed, trailer) => {
          const body = Buffer.concat([
            ...parts,
            Buffer.from(closed ? `--${boundary}--\r\n` : ''),
            Buffer.from(trailer),
          ]);
          expectSafe(
            await post(body, `multipart/form-data; boundary=${boundary}`, '?dryRun=true'),
            [200, 400, 406, 413, 415, 422],
          );
        },
      ),
      { numRuns: RUNS },
    );
  }, 30_000);
});

// ------------------------------------------------------------ hand-built archives

interface Entry {
  name: string;
  data: Buffer;
  /** the uncompressed size written in the headers; a zip bomb may lie */
  declaredSize?: number;
}

/** A deflated zip archive, written by hand so that sizes (and lies about them) are under the test's control. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
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
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER_ROW = `<row r="1">${HEADER.map((h, i) => inline(`${String.fromCharCode(65 + i)}1`, h)).join('')}</row>`;
const GOOD_ROW = `<row r="2">${inline('A2', 'gdp')}<c r="B2"><v>2023</v></c>${inline('C2', '4800')}${inline('D2', 'final')}${inline('E2', '统计公报')}</row>`;

/** The smallest workbook exceljs reads: one sheet with the given rows and trailing parts, and optional named ranges. */
function workbookParts(opts: { rows?: string; sheetTail?: string; definedNames?: string; padding?: Entry }): Entry[] {
  const entries: Entry[] = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>${opts.definedNames ?? ''}</workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: Buffer.from(
        `<worksheet xmlns="${NS}"><sheetData>${opts.rows ?? HEADER_ROW + GOOD_ROW}</sheetData>${opts.sheetTail ?? ''}</worksheet>`,
      ),
    },
  ];
  return opts.padding ? [...entries, opts.padding] : entries;
}

describe('hostile archives', () => {
  test('the hand-built workbook itself is read (so the cases below test their one difference)', async () => {
    const res = await post(zip(workbookParts({})), XLSX, '?dryRun=true');
    expectSafe(res, [200]);
    expect((res.json() as { created: number }).created).toBe(1);
  });

  test('random XML inside a well-formed archive', async () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        '<row r="2">',
        '<row r="-1">',
        '<row r="1048577">',
        '<row>',
        '</row>',
        '<c r="A2" t="s"><v>99</v></c>',
        '<c r="B2"><v>2023</v></c>',
        '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c>',
        '<c r="ZZZZ2"><v>1</v></c>',
        '<c r="C2" t="e"><v>#N/A</v></c>',
        '<c r="C2" t="d"><v>not a date</v></c>',
        '<c r="C2" t="b"><v>1</v></c>',
        '<c r="C2"><f>SUM(A:A)</f></c>',
        '<c r="C2" t="shared"><f t="shared" si="0"/></c>',
        '<![CDATA[x]]>',
        '&amp;',
        '&undefined;',
        '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
      ),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 12 }), async (parts) => {
        const res = await post(zip(workbookParts({ rows: HEADER_ROW + parts.join('') })), XLSX, '?dryRun=true');
        expectSafe(res, [200, 400, 413, 422]);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  test('a zip bomb is refused with 413 before it is unpacked, whether its sizes are honest or not', async () => {
    const bomb = Buffer.alloc(80 * 1024 * 1024, 0x20); // 80 MiB of blanks deflate to about 80 KiB
    for (const declaredSize of [undefined, 100]) {
      const res = await post(
        zip(workbookParts({ padding: { name: 'xl/media/pad.bin', data: bomb, declaredSize } })),
        XLSX,
      );
      expectSafe(res, [413]);
      expect((res.json() as { code: string }).code).toBe('file_too_large');
    }
  });

  test('a named range over a whole sheet is refused with 413 (exceljs would make a cell object per cell)', async () => {
    const definedNames =
      '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">S!$A$1:$XFD$1048576</definedName></definedNames>';
    const res = await post(zip(workbookParts({ definedNames })), XLSX);
    expectSafe(res, [413]);
    expect((res.json() as { detail: string }).detail).toBe(
      "The workbook's named ranges (print areas, filters) cover 17179869184 cells; remove them and try again.",
    );
  });

  test('merges and validations over a whole sheet are ignored, not expanded', async () => {
    const sheetTail =
      '<mergeCells count="1"><mergeCell ref="H3:XFD1048576"/></mergeCells>' +
      '<dataValidations count="1"><dataValidation type="list" sqref="A2:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>';
    const started = Date.now();
    const res = await post(zip(workbookParts({ sheetTail })), XLSX, '?dryRun=true');
    expectSafe(res, [200]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('more than 50,000 rows is 413, in xlsx and in CSV; exactly 50,000 is read', async () => {
    const xmlRows = (n: number) =>
      Array.from({ length: n }, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, 'gdp')}</row>`).join('');
    const tooMany = await post(zip(workbookParts({ rows: HEADER_ROW + xmlRows(50_011) })), XLSX, '?dryRun=true');
    expectSafe(tooMany, [413]);
    expect((tooMany.json() as { code: string }).code).toBe('too_many_rows');

    const csv = (n: number) => `${HEADER.join(',')}\r\n${'x,2023,,,\r\n'.repeat(n)}`;
    const csvTooMany = await post(csv(50_001), 'text/csv', '?dryRun=true');
    expectSafe(csvTooMany, [413]);
    const csvMax = await post(csv(50_000), 'text/csv', '?dryRun=true');
    expectSafe(csvMax, [200]);
    expect((csvMax.json() as { skipped: number }).skipped).toBe(50_000);
  }, 60_000);

  test('more than 600,000 cells (exceljs needs ~600 bytes each) is 413 before they are built, in xlsx and in CSV', async () => {
    const wide = Array.from(
      { length: 1000 },
      (_, r) => `<row r="${r + 2}">${'<c><v>1</v></c>'.repeat(601)}</row>`,
    ).join('');
    const xlsx = await post(zip(workbookParts({ rows: HEADER_ROW + wide })), XLSX, '?dryRun=true');
    expectSafe(xlsx, [413]);
    expect((xlsx.json() as { detail: string }).detail).toBe(
      'An import holds at most 600000 cells (50000 rows of the template); split the file.',
    );

    const started = Date.now();
    const commas = await post(','.repeat(5_000_000), 'text/csv', '?dryRun=true');
    expectSafe(commas, [413]);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 60_000);

  test('a body over the body limit is 413', async () => {
    const small = await buildTestApp({ BODY_LIMIT: 1000 });
    try {
      const session = await signIn(small, 'ed', 'editor', ['stats']);
      const res = await small.inject({
        method: 'POST',
        url: '/api/v1/import',
        headers: { ...session.headers, 'content-type': 'text/csv' },
        payload: 'x'.repeat(2000),
      });
      expectSafe(res, [413]);
      const boundary = 'b';
      const form = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${'x'.repeat(2000)}\r\n--${boundary}--\r\n`,
      );
      expectSafe(
        await small.inject({
          method: 'POST',
          url: '/api/v1/import',
          headers: { ...session.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload: form,
        }),
        [413],
      );
    } finally {
      await small.close();
    }
  });
});
