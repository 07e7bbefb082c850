import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { PlanListItem } from '@gz/shared';
import { App, Button, Grid, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planTemplateUrl } from '../../../api/plans.ts';
import { LoadError } from '../../../components/errors.tsx';
import { PlanDraftDrawer } from './PlanDraftDrawer.tsx';
import { PlanImportReport } from './plans/PlanImportReport.tsx';
import { planColumns } from './plans/plan-columns.tsx';
import { usePlanImport, usePlanLifecycle } from './plans/use-plans.ts';
import { SuccessorModal } from './SuccessorModal.tsx';

/**
 * Plans and their life: the list with each plan's state and period; a new draft from an existing plan
 * (successor) or from a definition workbook (always checked first, problems shown at their cells); edits of a
 * draft; publishing with a confirmation. A draft can be previewed on every screen through "?plan=".
 */
export function PlansPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { plans, refresh, confirmArchive, confirmPublish } = usePlanLifecycle();
  const importer = usePlanImport();
  const [successorOf, setSuccessorOf] = useState<PlanListItem | null>(null);
  const [editing, setEditing] = useState<PlanListItem | null>(null);
  const compact = !Grid.useBreakpoint().sm;

  if (plans.isError) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;

  const columns = planColumns(t, compact, {
    successor: setSuccessorOf,
    edit: setEditing,
    archive: confirmArchive,
    publish: confirmPublish,
  });

  return (
    <>
      <Typography.Paragraph type="secondary">{t('plans.hint')}</Typography.Paragraph>
      <Space wrap className="panel-action">
        <Button icon={<DownloadOutlined />} href={planTemplateUrl()} data-testid="plan-template">
          {t('plans.downloadTemplate')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          // Kept and sent by hand: checked first, imported (the very same file) only after a clean check.
          beforeUpload={(file) => {
            importer.check(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={importer.busy} data-testid="plan-import">
            {t('plans.import')}
          </Button>
        </Upload>
      </Space>
      {importer.imported && (
        <PlanImportReport imported={importer.imported} busy={importer.busy} onCommit={importer.commit} />
      )}
      <Table<PlanListItem>
        rowKey="id"
        size="small"
        loading={plans.isPending}
        columns={columns}
        dataSource={plans.data ?? []}
        pagination={false}
        className="panel-table"
        data-testid="plan-list"
      />
      {successorOf && (
        <SuccessorModal
          source={successorOf}
          onClose={() => setSuccessorOf(null)}
          onCreated={(plan) => {
            setSuccessorOf(null);
            message.success(t('plans.created', { title: plan.title }));
            void refresh();
          }}
        />
      )}
      {editing && <PlanDraftDrawer plan={editing} onClose={() => setEditing(null)} onChanged={() => void refresh()} />}
    </>
  );
}
