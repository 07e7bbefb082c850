/**
 * The measures ledger's seed data against the source texts (../shared/seeds beside the repo root):
 * titles exactly as printed, counts, sections, 专栏 names and the default alignment links.
 */
import { KEY_PROJECT_BOXES_2021_2025, URBAN_MEASURE_LINKS, URBAN_OPINIONS_2026 } from '@gz/seeds';
import { describe, expect, test } from 'vitest';
import { sourceText } from '../helpers/sources.ts';

const source = sourceText;
const doc = (id: string) => {
  const d = URBAN_OPINIONS_2026.find((x) => x.id === id);
  if (!d) throw new Error(`no document ${id}`);
  return d;
};
const measures = (id: string) => doc(id).sections.flatMap((s) => s.measures);

const GANZHOU_TITLES = [
  '推进区域联动发展',
  '壮大中心城区',
  '增强县域综合实力',
  '提升城市发展动力',
  '盘活城市存量资源',
  '建立可持续的城市更新运营投融资模式',
  '加强对外交流合作',
  '统筹“四好”建设',
  '完善重大基础设施',
  '提升公共服务均衡化水平',
  '提升城市形象',
  '推进生产领域节能降碳',
  '推行绿色低碳生活方式',
  '治理城市生态环境',
  '提升房屋市政基础设施安全水平',
  '筑牢重点领域安全生产防线',
  '增强城市公共卫生防控救治能力',
  '提升城市综合防灾减灾救灾能力',
  '加强历史文化保护传承',
  '塑造城市特色风貌',
  '丰富城市精神文化生活',
  '完善城市治理工作体系',
  '提升社会治理水平',
  '加快智慧城市建设',
];
const JIANGXI_TITLES = [
  '完善城镇化发展格局',
  '提升中心城市发展能级',
  '增强设区市城市特色',
  '提高县城承载能力',
  '培育城市发展动力',
  '推进城市更新激活存量资源潜力',
  '健全多元化城市建设运营投融资方式',
  '提升城市对内对外开放水平',
  '推进“好房子”建设',
  '推进“好社区”建设',
  '推动城市基础设施提质增效',
  '提升公共服务优质均衡水平',
  '推进产业发展节能降碳',
  '推广绿色低碳生活方式',
  '推动城市生态环境治理',
  '加强房屋和市政基础设施安全管理',
  '强化重点行业领域安全生产管理',
  '提高城市公共卫生防控救治水平',
  '增强城市综合防灾减灾救灾能力',
  '保护利用传承城市历史文化',
  '塑造具有赣鄱特色的城市特色风貌',
  '活跃城市精神文化生活',
  '完善城市治理工作机制',
  '加强城市社会治理',
  '推动城市数智治理',
];
const CN_NUM = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
  '二十一',
  '二十二',
  '二十三',
  '二十四',
  '二十五',
];

describe('Ganzhou 实施意见 (000_…)', () => {
  const text = source('000_eabcad7bcae6163d.txt');
  test('24 measures with the exact printed titles, numbered （一）…（二十四）', () => {
    const ms = measures('gz-2026-urban');
    expect(ms.map((m) => m.title)).toEqual(GANZHOU_TITLES);
    expect(ms.map((m) => m.label)).toEqual(CN_NUM.slice(0, 24).map((n) => `（${n}）`));
    for (const m of ms) {
      expect(text).toContain(`${m.label}${m.title}。`);
      // the full paragraph is one printed line
      expect(text.split('\n').map((l) => l.trim())).toContain(m.text);
    }
  });
  test('7 sections 二…八 with the printed headings, holding 3, 4, 4, 3, 4, 3, 3 measures', () => {
    const d = doc('gz-2026-urban');
    expect(d.sections.map((s) => `${s.no}、${s.title}`)).toEqual([
      '二、优化城市体系',
      '三、增强城市发展动能',
      '四、提升城市功能品质',
      '五、推动城市生态发展',
      '六、夯实城市安全基础',
      '七、彰显城市文化魅力',
      '八、提高城市治理水平',
    ]);
    expect(d.sections.map((s) => s.measures.length)).toEqual([3, 4, 4, 3, 4, 3, 3]);
    for (const s of d.sections) expect(text).toContain(`${s.no}、${s.title}\n`);
    expect(d.documentNo).toBe('赣市府发〔2026〕8号');
    expect(text).toContain('赣市府发〔2026〕8号');
    expect(text).toContain('2026年5月13日');
  });
});

describe('Jiangxi 实施意见 (001_…)', () => {
  const text = source('001_cf33fdd855d749a7.txt');
  test('25 measures with the exact printed titles, numbered (一)…(二十五)', () => {
    const ms = measures('jx-2026-urban');
    expect(ms.map((m) => m.title)).toEqual(JIANGXI_TITLES);
    expect(ms.map((m) => m.label)).toEqual(CN_NUM.map((n) => `(${n})`));
    for (const m of ms) {
      expect(text).toContain(`${m.label}${m.title}。`);
      expect(text.split('\n').map((l) => l.trim())).toContain(m.text);
    }
  });
  test('7 sections 二…八 with the printed headings, holding 4, 4, 4, 3, 4, 3, 3 measures', () => {
    const d = doc('jx-2026-urban');
    expect(d.sections.map((s) => `${s.no}、${s.title}`)).toEqual([
      '二、优化城镇体系',
      '三、增强城市发展动能',
      '四、提升城市人居品质',
      '五、推进城市绿色转型',
      '六、夯实城市安全基础',
      '七、增添城市文化魅力',
      '八、提高城市治理水平',
    ]);
    expect(d.sections.map((s) => s.measures.length)).toEqual([4, 4, 4, 3, 4, 3, 3]);
    for (const s of d.sections) expect(text).toContain(`  ${s.no}、${s.title}\n`);
    expect(d.issuedOn).toBe('2026-01-16');
    expect(text).toContain('(2026年1月16日)');
  });
});

describe('central 意见 (004_…), partial', () => {
  const raw = source('004_8f8f1806b43bbc90.txt');
  const held = raw.slice(0, raw.indexOf('（下转3版）')).replace(/\s+/g, '');
  test('marked partial; only section 二 with (一)–(三), each text as printed (line breaks joined)', () => {
    const d = doc('cn-2026-urban');
    expect(d.partial).toBe(true);
    expect(d.partialNote).toContain('下转3版');
    expect(d.sections.map((s) => `${s.no}、${s.title}`)).toEqual(['二、优化现代化城市体系']);
    expect(measures('cn-2026-urban').map((m) => `${m.label}${m.title}`)).toEqual([
      '（一）稳妥有序推动城市群一体化和都市圈同城化发展',
      '（二）增强超大特大城市综合竞争力',
      '（三）提高中小城市和县城承载能力',
    ]);
    for (const m of measures('cn-2026-urban')) expect(held).toContain(m.text.replace(/\s+/g, ''));
    // nothing after the page break is claimed
    expect(held).not.toContain('（四）');
  });
});

describe('default alignment links', () => {
  const byCode = new Map(
    URBAN_OPINIONS_2026.flatMap((d) =>
      d.sections.flatMap((s) => s.measures.map((m) => [m.code, { ...m, doc: d.id }] as const)),
    ),
  );
  test('every Ganzhou measure is linked to at least one Jiangxi measure', () => {
    for (const m of measures('gz-2026-urban')) {
      expect(
        URBAN_MEASURE_LINKS.filter((l) => l.from === m.code && l.to.startsWith('jx2026-')).length,
        m.title,
      ).toBeGreaterThan(0);
    }
    expect(URBAN_MEASURE_LINKS.filter((l) => l.from.startsWith('gz2026-'))).toHaveLength(26);
  });
  test('each link goes one level up and its evidence is printed in both measures', () => {
    for (const l of URBAN_MEASURE_LINKS) {
      const from = byCode.get(l.from);
      const to = byCode.get(l.to);
      expect(from && to, `${l.from} → ${l.to}`).toBeTruthy();
      if (!from || !to) continue;
      expect([from.doc, to.doc]).toSatisfy(
        ([a, b]: string[]) =>
          (a === 'gz-2026-urban' && b === 'jx-2026-urban') || (a === 'jx-2026-urban' && b === 'cn-2026-urban'),
      );
      expect(from.text).toContain(l.evidence);
      expect(to.text).toContain(l.evidence);
    }
  });
  test('read from the texts: a few links by hand', () => {
    const has = (from: string, to: string) => URBAN_MEASURE_LINKS.some((l) => l.from === from && l.to === to);
    expect(has('gz2026-01', 'jx2026-02')).toBe(true); // 省域副中心城市
    expect(has('gz2026-08', 'jx2026-09')).toBe(true); // 好房子
    expect(has('gz2026-08', 'jx2026-10')).toBe(true); // 好社区
    expect(has('gz2026-24', 'jx2026-25')).toBe(true);
    expect(has('jx2026-04', 'cn2026-03')).toBe(true); // 县城承载能力
  });
});

describe('专栏1–9 key projects (003_…)', () => {
  const text = source('003_5c55f6ac4dfacb5d.txt');
  const flat = text.replace(/\s+/g, '');
  test('nine boxes with the printed titles', () => {
    expect(KEY_PROJECT_BOXES_2021_2025.map((b) => `专栏${b.no}:${b.title}`)).toEqual([
      '专栏1:创新平台建设重点工程',
      '专栏2:现代产业发展提升工程',
      '专栏3:现代农业重点工程',
      '专栏4:完善城镇功能布局工程',
      '专栏5:生态环保重点工程',
      '专栏6:对外开放基础支撑工程',
      '专栏7:教育提升工程',
      '专栏8:健康赣州建设推进工程',
      '专栏9:长征国家文化公园(赣州段)建设工程',
    ]);
    for (const b of KEY_PROJECT_BOXES_2021_2025) {
      expect(text.split('\n')[b.sourceLine - 1]).toMatch(
        new RegExp(`^专栏${b.no}[:;]${b.title.replace(/[()]/g, '\\$&')} \\|`),
      );
    }
  });
  test('named projects as printed: headings of 专栏2–9, sentences of 专栏1', () => {
    const names = (no: number) => KEY_PROJECT_BOXES_2021_2025.find((b) => b.no === no)?.projects.map((p) => p.name);
    expect(names(3)).toEqual([
      '脐橙品质品牌提升工程',
      '蔬菜产业高质量发展工程',
      '富硒农产品品牌建设工程',
      '特色农产品提质增效工程',
    ]);
    expect(names(6)).toEqual(['铁路', '公路', '机场', '水运', '能源', '水利']);
    expect(names(9)).toEqual(['长征步道建设项目', '长征遗址建设项目', '重点展示园建设项目']);
    expect(names(1)).toHaveLength(5);
    expect(KEY_PROJECT_BOXES_2021_2025.map((b) => b.projects.length)).toEqual([5, 5, 4, 3, 8, 6, 3, 2, 3]);
    for (const b of KEY_PROJECT_BOXES_2021_2025) for (const p of b.projects) expect(flat).toContain(p.text);
  });
});
