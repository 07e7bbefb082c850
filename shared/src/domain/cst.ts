/*
 * Times as the reports print them: in China Standard Time (UTC+8, no daylight saving), whatever the server's zone.
 */

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

function cstParts(iso: string): { y: number; m: number; d: number; hh: string; mm: string } | null {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  const t = new Date(ms + CST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: pad(t.getUTCHours()),
    mm: pad(t.getUTCMinutes()),
  };
}

/** A date in Chinese, in China Standard Time: 2026-11-29T17:00:00Z → 2026年11月30日. */
export function chineseDateCst(iso: string): string {
  const p = cstParts(iso);
  return p === null ? iso : `${p.y}年${p.m}月${p.d}日`;
}

/** A time in China Standard Time: 2026-11-29T17:05:00Z → 2026-11-30 01:05（北京时间）. */
export function cstDateTime(iso: string): string {
  const p = cstParts(iso);
  if (p === null) return iso;
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')} ${p.hh}:${p.mm}（北京时间）`;
}

/** The calendar day in China Standard Time as YYYY-MM-DD: 2026-11-29T17:00:00Z → 2026-11-30. */
export function cstDateIso(iso: string): string {
  const p = cstParts(iso);
  return p === null ? iso.slice(0, 10) : `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}
