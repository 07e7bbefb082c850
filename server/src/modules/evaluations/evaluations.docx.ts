import { appendixColumns, appendixRows, chineseNumeral, type EvaluationReport } from '@gz/shared';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A4 in twips (1/1440 inch): 210 × 297 mm. */
const A4 = { width: 11906, height: 16838 };
const FONT = '宋体';

const footer = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 18 }),
        ],
      }),
    ],
  });

/** Body paragraphs of a section text: blank lines separate paragraphs; each is indented two characters. */
function paragraphs(text: string): Paragraph[] {
  return text
    .split(/\n+/)
    .filter((p) => p.trim() !== '')
    .map(
      (p) =>
        new Paragraph({ children: [new TextRun(p)], indent: { firstLine: 480 }, spacing: { after: 120, line: 360 } }),
    );
}

function cell(text: string, opts: { bold?: boolean; align?: 'left' | 'center' | 'right' } = {}): TableCell {
  const alignment =
    opts.align === 'right' ? AlignmentType.RIGHT : opts.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  return new TableCell({
    children: [new Paragraph({ alignment, children: [new TextRun({ text, bold: opts.bold ?? false, size: 18 })] })],
  });
}

/** The 附表 主要指标完成情况表: one table, all indicators, the header row repeated on every page. */
function appendixTable(report: EvaluationReport): Table {
  const header = new TableRow({
    tableHeader: true,
    children: appendixColumns(report).map((c) => cell(c, { bold: true, align: 'center' })),
  });
  const rows = appendixRows(report).map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(r.no), { align: 'center' }),
          cell(r.category),
          cell(r.name),
          cell(r.unit),
          cell(r.attribute),
          cell(r.baselineText, { align: 'right' }),
          cell(r.targetText, { align: 'right' }),
          ...r.actuals.map((a) => cell(a.displayText ?? a.valueText ?? '—', { align: 'right' })),
          cell(r.verdictText),
          cell(r.remark),
        ],
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}

/**
 * The report as a Word document that WPS and Word edit: front matter, real headings (一、总体评价 …) and
 * paragraphs in a portrait A4 section, then the 附表 as a real table in a landscape section of its own; page
 * numbers (第 N 页 共 M 页) in every footer.
 */
export async function writeEvaluationDocx(report: EvaluationReport): Promise<Buffer> {
  const fm = report.frontMatter;
  const body: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: fm.stateLabel, bold: true })] }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: fm.title, bold: true, size: 36 })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(fm.issuingUnit)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(fm.dateText)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [
        new TextRun(
          [
            fm.reportNo === null ? '报告编号：出具时生成' : `报告编号：${fm.reportNo}`,
            fm.issuerName === null ? null : `出具人：${fm.issuerName}`,
          ]
            .filter((x) => x !== null)
            .join('　'),
        ),
      ],
    }),
  ];
  const sections = [...report.sections.slice(0, 2), ...report.extraSections, ...report.sections.slice(2)];
  sections.forEach((section, k) => {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun(`${chineseNumeral(k)}、${section.title}`)],
      }),
    );
    body.push(...paragraphs(section.text));
  });
  body.push(new Paragraph({ children: [new TextRun('附表：主要指标完成情况表')], spacing: { before: 240 } }));

  const appendix: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      children: [new TextRun('附表　主要指标完成情况表')],
    }),
    appendixTable(report),
  ];

  const doc = new Document({
    creator: fm.issuerName ?? fm.issuingUnit,
    title: fm.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.PORTRAIT } } },
        footers: { default: footer() },
        children: body,
      },
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE } } },
        footers: { default: footer() },
        children: appendix,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
