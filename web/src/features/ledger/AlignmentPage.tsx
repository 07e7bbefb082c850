import type { MeasureSummary } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Select, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { createLink, deleteLink, fetchAlignment, ledgerKeys, type Alignment } from '../../api/ledger.ts';
import { useSession } from '../../app/session.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PageShell } from '../../components/PageShell.tsx';
import { LedgerTabs } from './components/LedgerTabs.tsx';
import { RollupDot } from './components/StatusLight.tsx';
import { ledgerErrorText } from './ledger-text.ts';

export function AlignmentPage() {
  return (
    <AntdScope>
      <AlignmentView />
    </AntdScope>
  );
}

/** Central | Jiangxi | Ganzhou side by side, one row per provincial measure; gaps flagged. */
function AlignmentView() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ledgerKeys.alignment(), queryFn: fetchAlignment });
  const isAdmin = useSession().data?.role === 'admin';
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const onSettled = {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
    onError: (error: unknown) => message.error(ledgerErrorText(error, t)),
  };
  const remove = useMutation({ mutationFn: deleteLink, ...onSettled });
  const add = useMutation({
    mutationFn: ({ from, to }: { from: string; to: string }) => createLink(from, to),
    ...onSettled,
  });
  return (
    <PageShell title={t('ledger.tabs.alignment')} className="ledger-page" read={q}>
      {(a) => (
        <AlignmentGrid
          a={a}
          isAdmin={isAdmin}
          unlink={(id) => remove.mutate(id)}
          link={(from, to) => add.mutate({ from, to })}
        />
      )}
    </PageShell>
  );
}

/** The three columns with the gaps flagged; admins change the links here. */
function AlignmentGrid(props: {
  a: Alignment;
  isAdmin: boolean;
  unlink: (id: number) => void;
  link: (from: string, to: string) => void;
}) {
  const { a, isAdmin } = props;
  const { t } = useTranslation();
  const byLevel = (level: MeasureSummary['level']) => a.measures.filter((m) => m.level === level);
  const province = byLevel('province');
  const city = byLevel('city');
  const central = byLevel('central');
  const centralDoc = a.documents.find((d) => d.level === 'central');
  const up = (id: string) => a.links.filter((l) => l.from === id);
  const down = (id: string) => a.links.filter((l) => l.to === id);
  const measureOf = new Map(a.measures.map((m) => [m.id, m]));
  const leadless = new Set(a.tasksWithoutLead.map((x) => x.measureId));
  const undivided = city.filter((m) => m.taskCount === 0).length;
  const noLocal = province.filter((m) => down(m.id).length === 0).length;
  const orphansCity = city.filter((m) => up(m.id).length === 0);
  const orphansCentral = central.filter((m) => down(m.id).length === 0);

  const cell = (m: MeasureSummary, link?: Alignment['links'][number]) => (
    <div className="align-measure" key={m.id} data-testid={`align-${m.id}`}>
      <div>
        <RollupDot colour={m.rollup.colour} /> {m.label}
        {m.title}
      </div>
      <div className="align-flags">
        {link?.isDefault && (
          <Tooltip title={link.evidence ? t('ledger.evidenceWording', { text: link.evidence }) : undefined}>
            <Tag>{t('ledger.defaultLink')}</Tag>
          </Tooltip>
        )}
        {m.level === 'city' && m.taskCount === 0 && <Tag color="orange">{t('ledger.undivided')}</Tag>}
        {m.level === 'city' && m.taskCount > 0 && (
          <Tag color="blue">{t('ledger.taskCount', { count: m.taskCount })}</Tag>
        )}
        {leadless.has(m.id) && <Tag color="red">{t('ledger.noLead')}</Tag>}
        {isAdmin && link && (
          <Button
            size="small"
            type="link"
            danger
            onClick={() => props.unlink(link.id)}
            data-testid={`unlink-${link.id}`}
          >
            {t('ledger.unlink')}
          </Button>
        )}
      </div>
    </div>
  );

  const sections: { no: string; title: string; rows: MeasureSummary[] }[] = [];
  for (const m of province) {
    const last = sections.at(-1);
    if (last && last.no === m.section.no) last.rows.push(m);
    else sections.push({ no: m.section.no, title: m.section.title, rows: [m] });
  }

  return (
    <>
      <LedgerTabs />
      <Alert
        type={undivided + noLocal + a.tasksWithoutLead.length > 0 ? 'warning' : 'success'}
        message={t('ledger.findings')}
        description={t('ledger.findingsCount', { undivided, noLocal, noLead: a.tasksWithoutLead.length })}
        data-testid="align-findings"
      />
      {centralDoc?.partial && <Typography.Paragraph type="secondary">{centralDoc.partialNote}</Typography.Paragraph>}
      <div className="align-grid align-head">
        <div>{t('ledger.levels.central')}</div>
        <div>{t('ledger.levels.province')}</div>
        <div>{t('ledger.levels.city')}</div>
      </div>
      {sections.map((s) => (
        <section key={s.no}>
          <h2 className="ledger-section-title">
            {s.no}、{s.title}
          </h2>
          {s.rows.map((p) => {
            const centrals = up(p.id).flatMap((l) => {
              const m = measureOf.get(l.to);
              return m ? [cell(m, l)] : [];
            });
            const locals = down(p.id).flatMap((l) => {
              const m = measureOf.get(l.from);
              return m ? [cell(m, l)] : [];
            });
            return (
              <div className="align-grid" key={p.id} data-testid={`align-row-${p.id}`}>
                <div className="align-col" data-label={t('ledger.levels.central')}>
                  {centrals.length > 0 ? (
                    centrals
                  ) : (
                    <Typography.Text type="secondary">
                      {centralDoc?.partial ? t('ledger.noCentral') : t('ledger.none')}
                    </Typography.Text>
                  )}
                </div>
                <div className="align-col" data-label={t('ledger.levels.province')}>
                  {cell(p)}
                </div>
                <div className="align-col" data-label={t('ledger.levels.city')}>
                  {locals.length > 0 ? locals : <Tag color="red">{t('ledger.noLocal')}</Tag>}
                  {isAdmin && (
                    <Select
                      size="small"
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('ledger.link')}
                      value={null}
                      style={{ width: '100%', marginTop: 4 }}
                      onChange={(from: string) => props.link(from, p.id)}
                      options={city
                        .filter((c) => !down(p.id).some((l) => l.from === c.id))
                        .map((c) => ({ value: c.id, label: `${c.label}${c.title}` }))}
                    />
                  )}
                </div>
              </div>
            );
          })}
        </section>
      ))}
      {(orphansCity.length > 0 || orphansCentral.length > 0) && (
        <section>
          <h2 className="ledger-section-title">{t('ledger.none')}</h2>
          <div className="align-grid">
            <div className="align-col">{orphansCentral.map((m) => cell(m))}</div>
            <div className="align-col" />
            <div className="align-col">{orphansCity.map((m) => cell(m))}</div>
          </div>
        </section>
      )}
      {a.tasksWithoutLead.length > 0 && (
        <section data-testid="align-leadless">
          <h2 className="ledger-section-title">{t('ledger.noLead')}</h2>
          <ul>
            {a.tasksWithoutLead.map((x) => (
              <li key={x.id}>{x.title}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
