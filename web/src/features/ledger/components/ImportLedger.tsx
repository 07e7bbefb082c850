import type { LedgerImportReport } from '@gz/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { importLedger, ledgerKeys } from '../../../api/ledger.ts';
import { ledgerErrorText } from '../ledger-text.ts';

/** Import of a 台账 workbook: check first (dry run), then import; problems listed by row and column. */
export function ImportLedger() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<LedgerImportReport | null>(null);
  const run = useMutation({
    mutationFn: (v: { file: File; dryRun: boolean }) => importLedger(v.file, v.dryRun),
    onSuccess: (r, { dryRun }) => {
      setReport(r);
      if (!dryRun) {
        message.success(t('ledger.importDone', { count: r.created.length }));
        void queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
      }
    },
    onError: (error) => {
      const body = error instanceof ApiError ? (error.body as { report?: LedgerImportReport } | null) : null;
      if (body?.report) setReport(body.report);
      message.error(ledgerErrorText(error, t));
    },
  });
  const busy = run.isPending;
  const start = (dryRun: boolean) => {
    if (file) run.mutate({ file, dryRun });
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('ledger.import')}</Button>
      <Modal open={open} title={t('ledger.import')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <input
            type="file"
            accept=".xlsx"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
          <Space>
            <Button disabled={!file} loading={busy} onClick={() => start(true)}>
              {t('ledger.importDry')}
            </Button>
            <Button type="primary" disabled={!file || report?.ok === false} loading={busy} onClick={() => start(false)}>
              {t('ledger.importRun')}
            </Button>
          </Space>
          {report?.ok && (
            <Alert
              type="success"
              message={t(report.dryRun ? 'ledger.importOk' : 'ledger.importDone', { count: report.created.length })}
            />
          )}
          {report && !report.ok && (
            <Alert
              type="error"
              message={t('ledger.errors.import_rejected')}
              description={
                <ul>
                  {report.problems.map((p) => (
                    <li key={`${p.row}-${p.column}`}>{t('ledger.importProblem', p)}</li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
      </Modal>
    </>
  );
}
