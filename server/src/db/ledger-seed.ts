import { KEY_PROJECT_BOXES_2021_2025, URBAN_MEASURE_LINKS, URBAN_OPINIONS_2026 } from '@gz/seeds';
import { and, eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import {
  keyProjectBoxes,
  keyProjects,
  measureLinks,
  policyDocuments,
  policyMeasures,
  policySections,
} from './schema.ts';

const KEY_PROJECTS_PLAN = 'ganzhou-2021-2025';

/**
 * Loads the measures ledger's documents (2026 urban opinions), their default alignment links and
 * the plan's 专栏1–9 key projects the first time the database meets them. A document or box already
 * present is left alone (a restart adds nothing; an admin's changes to links stay). Returns what it loaded.
 */
export function loadLedgerSeeds(db: Db): string[] {
  const loaded: string[] = [];
  db.transaction((tx) => {
    URBAN_OPINIONS_2026.forEach((doc, position) => {
      if (tx.select({ id: policyDocuments.id }).from(policyDocuments).where(eq(policyDocuments.id, doc.id)).get())
        return;
      const { sections, ...fields } = doc;
      tx.insert(policyDocuments)
        .values({ ...fields, position })
        .run();
      sections.forEach((s, sp) => {
        const section = tx
          .insert(policySections)
          .values({ documentId: doc.id, no: s.no, title: s.title, position: sp })
          .returning({ id: policySections.id })
          .get();
        for (const m of s.measures) {
          tx.insert(policyMeasures)
            .values({
              id: m.code,
              documentId: doc.id,
              sectionId: section.id,
              no: m.no,
              label: m.label,
              title: m.title,
              text: m.text,
            })
            .run();
        }
      });
      loaded.push(doc.id);
    });
    if (loaded.length > 0) {
      const known = new Set(
        tx
          .select({ id: policyMeasures.id })
          .from(policyMeasures)
          .all()
          .map((r) => r.id),
      );
      for (const l of URBAN_MEASURE_LINKS) {
        if (!known.has(l.from) || !known.has(l.to)) continue;
        const exists = tx
          .select({ id: measureLinks.id })
          .from(measureLinks)
          .where(and(eq(measureLinks.fromMeasureId, l.from), eq(measureLinks.toMeasureId, l.to)))
          .get();
        if (!exists)
          tx.insert(measureLinks)
            .values({ fromMeasureId: l.from, toMeasureId: l.to, evidence: l.evidence, isDefault: true })
            .run();
      }
    }
    for (const box of KEY_PROJECT_BOXES_2021_2025) {
      const found = tx
        .select({ id: keyProjectBoxes.id })
        .from(keyProjectBoxes)
        .where(and(eq(keyProjectBoxes.planId, KEY_PROJECTS_PLAN), eq(keyProjectBoxes.no, box.no)))
        .get();
      if (found) continue;
      const row = tx
        .insert(keyProjectBoxes)
        .values({ planId: KEY_PROJECTS_PLAN, no: box.no, title: box.title })
        .returning({ id: keyProjectBoxes.id })
        .get();
      box.projects.forEach((p, position) => {
        tx.insert(keyProjects).values({ id: p.code, boxId: row.id, position, name: p.name, text: p.text }).run();
      });
      loaded.push(`专栏${box.no}`);
    }
  });
  return loaded;
}
