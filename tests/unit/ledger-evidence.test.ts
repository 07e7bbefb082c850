/** Evidence files are judged by their content: accepted types, names that must match, limits. */
import { checkEvidence, MAX_EVIDENCE_BYTES } from '@gz/server/modules/ledger/evidence.ts';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { tinyPdf } from '../helpers/ledger.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e0d4d50000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRow(['佐证']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const refusal = async (name: string, content: Buffer) => {
  try {
    await checkEvidence(name, content);
    return null;
  } catch (error) {
    return { status: (error as { status: number }).status, code: (error as { code: string }).code };
  }
};

describe('checkEvidence', () => {
  test.each([
    ['扫描件.pdf', tinyPdf(), 'application/pdf'],
    ['现场.PNG', PNG, 'image/png'],
    ['照片.jpg', JPEG, 'image/jpeg'],
  ] as const)('%s is accepted as %s, with size and SHA-256', async (name, content, mime) => {
    const r = await checkEvidence(name, content);
    expect(r).toMatchObject({ filename: name, mime, size: content.length });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an Office workbook is accepted as .xlsx and refused under another name', async () => {
    const book = await xlsx();
    expect((await checkEvidence('台账.xlsx', book)).mime).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(await refusal('台账.docx', book)).toEqual({ status: 415, code: 'evidence_type_refused' });
  });

  test.each([
    ['text renamed .pdf', '说明.pdf', Buffer.from('不是PDF')],
    ['a PNG named .pdf', 'x.pdf', PNG],
    ['a file without extension', 'scan', tinyPdf()],
    ['an empty file', 'e.pdf', Buffer.alloc(0)],
    ['an executable', 'tool.pdf', Buffer.from('4d5a90000300000004000000ffff0000', 'hex')],
  ])('%s is refused (415)', async (_what, name, content) => {
    expect(await refusal(name, content)).toEqual({ status: 415, code: 'evidence_type_refused' });
  });

  test('20 MB is the limit: one byte more is refused (413)', async () => {
    const big = Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 0x20);
    tinyPdf().copy(big);
    expect(await refusal('big.pdf', big)).toEqual({ status: 413, code: 'evidence_too_large' });
    expect((await checkEvidence('big.pdf', big.subarray(0, MAX_EVIDENCE_BYTES))).size).toBe(MAX_EVIDENCE_BYTES);
  });
});
