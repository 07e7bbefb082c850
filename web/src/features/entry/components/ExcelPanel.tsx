import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { IMPORT_PROBLEM_CODES, type ImportProblemCode } from '@gz/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localMessage } from '../../../api/client.ts';
import { indicatorKeys } from '../../../api/indicators.ts';
import { revisionKeys } from '../../../api/revisions.ts';
import { exportUrl, importFile, templateUrl, type ImportIssue, type ImportReport } from '../../../api/transfer.ts';
import { errorText } from '../../../components/errors.tsx';
import { MISSING } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';

const isKnownCode = (code: string | undefined): code is ImportProblemCode =>
  code !== undefined && (IMPORT_PROBLEM_CODES as readonly string[]).includes(code);

/**
 * Template download and upload. An upload is always checked first (dry run) and its report shown as
 * a table; only a clean check offers the import itself, with the very same file.
 */
export function ExcelPanel({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const importing = useMutation({
    mutationFn: (v: { file: File; dryRun: boolean }) => importFile(planId, v.file, v.dryRun),
    onSuccess: (result, { file: chosen, dryRun }) => {
      if (dryRun) {
        setFile(chosen);
        setReport(result);
      } else {
        message.success(t('entry.committed', { count: result.created }));
        setFile(null);
        setReport(null);
        void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
        void queryClient.invalidateQueries({ queryKey: revisionKeys.pending(planId) });
      }
    },
    onError: (error) => message.error(errorText(error, t)),
  });
  const busy = importing.isPending;
  const run = (chosen: File, dryRun: boolean) => importing.mutate({ file: chosen, dryRun });

  const columns: TableColumnsType<ImportIssue> = [
    { key: 'row', title: t('entry.row'), dataIndex: 'row', width: 64 },
    { key: 'column', title: t('entry.column'), render: (_, r) => r.column ?? MISSING, width: 120 },
    {
      key: 'value',
      title: t('entry.cellValue'),
      render: (_, r) => (r.value === null || r.value === undefined ? MISSING : String(r.value)),
    },
    // The import report's reasons are API messages too, some of them in both languages.
    {
      key: 'reason',
      title: t('entry.reason'),
      // Shown by its code in the UI's language, with the server's particulars (its own wording) below.
      render: (_, r) => {
        return isKnownCode(r.code) ? (
          <span data-testid="import-reason" data-code={r.code}>
            {t(`values.importCodes.${r.code}`)}
            <span className="cell-sub">{localMessage(r.reason, locale)}</span>
          </span>
        ) : (
          localMessage(r.reason, locale)
        );
      },
    },
  ];

  return (
    <Card size="small" title={t('entry.excel')} className="excel-card">
      <Space wrap>
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          href={templateUrl(planId)}
          data-testid="download-unit-template"
        >
          {t('values.downloadUnitTemplate')}
        </Button>
        <Button icon={<DownloadOutlined />} href={exportUrl(planId, 'xlsx')} data-testid="download-template">
          {t('entry.downloadTemplate')}
        </Button>
        <Button icon={<DownloadOutlined />} href={exportUrl(planId, 'csv')}>
          {t('entry.downloadCsv')}
        </Button>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          // The file is kept here and sent by hand: first as a dry run, then (after the report) for real.
          beforeUpload={(chosen) => {
            run(chosen, true);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy && !report} data-testid="upload-file">
            {t('entry.upload')}
          </Button>
        </Upload>
      </Space>
      {report && (
        <div className="import-report" data-testid="import-report">
          <Alert
            type={report.ok ? 'success' : 'error'}
            showIcon
            title={
              report.ok
                ? t('entry.dryRunOk', { count: report.created })
                : t('entry.dryRunFailed', { count: report.rows.length })
            }
            action={
              report.ok && file ? (
                <Button
                  type="primary"
                  size="small"
                  loading={busy}
                  onClick={() => run(file, false)}
                  data-testid="import-commit"
                >
                  {t('entry.commit')}
                </Button>
              ) : undefined
            }
          />
          {report.rows.length > 0 && (
            <Table<ImportIssue>
              size="small"
              rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.reason}`}
              columns={columns}
              dataSource={report.rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 480 }}
            />
          )}
        </div>
      )}
    </Card>
  );
}
