import { Alert, Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CellProblem } from './cell-problems.ts';
import { problemColumns } from './plan-columns.tsx';
import type { ImportState } from './use-plans.ts';

/** The check of a definition workbook: its problems at their cells, or the plan it creates with the import button. */
export function PlanImportReport(props: {
  imported: NonNullable<ImportState>;
  busy: boolean;
  onCommit: (file: File) => void;
}) {
  const { imported, busy, onCommit } = props;
  const { t } = useTranslation();
  return (
    <div className="import-report plan-import-report" data-testid="plan-import-report">
      {'problems' in imported ? (
        <>
          <Alert type="error" showIcon title={t('plans.importFailed', { count: imported.problems.length })} />
          <Table<CellProblem>
            size="small"
            rowKey={(r) => `${r.sheet}!${r.cell}:${r.message}`}
            columns={problemColumns(t)}
            dataSource={imported.problems}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
          />
        </>
      ) : (
        <Alert
          type="success"
          showIcon
          title={t('plans.importOk', {
            title: imported.definition.title,
            from: imported.definition.baselineYear,
            to: imported.definition.targetYear,
            areas: imported.definition.categories.length,
            count: imported.definition.categories.reduce((n, c) => n + c.indicators.length, 0),
          })}
          action={
            <Button
              type="primary"
              size="small"
              loading={busy}
              onClick={() => onCommit(imported.file)}
              data-testid="plan-import-commit"
            >
              {t('plans.importCommit')}
            </Button>
          }
        />
      )}
    </div>
  );
}
