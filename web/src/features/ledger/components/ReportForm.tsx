import type { Task } from '@gz/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ledgerKeys, submitReport, uploadEvidence } from '../../../api/ledger.ts';
import { ledgerErrorText } from '../ledger-text.ts';

/** A file refused after its report was submitted: named with the reason. */
class EvidenceRefused extends Error {
  constructor(
    readonly file: File,
    readonly reason: unknown,
  ) {
    super(file.name);
  }
}

interface Values {
  period: string;
  progress: string;
  milestonesDone?: number[];
  percent?: number | null;
  completed?: boolean;
  problems?: string;
  nextSteps?: string;
}

/**
 * The lead unit's progress report (进展情况) with evidence files (佐证材料): the report is submitted
 * first, then each file is uploaded to it; a refused file is named with the reason.
 */
export function ReportForm({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const send = useMutation({
    mutationFn: async (v: Values) => {
      const report = await submitReport(task.id, {
        period: v.period,
        progress: v.progress,
        milestonesDone: v.milestonesDone ?? [],
        percent: task.milestones.length === 0 ? (v.percent ?? null) : null,
        completed: v.completed ?? false,
        problems: v.problems ?? null,
        nextSteps: v.nextSteps ?? null,
      });
      for (const file of files) {
        try {
          await uploadEvidence(report.id, file);
        } catch (error) {
          throw new EvidenceRefused(file, error);
        }
      }
    },
    onSuccess: () => {
      message.success(t('ledger.submitted'));
      void queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
      onClose();
    },
    // the report itself went in before a refused file
    onError: (error) => {
      if (error instanceof EvidenceRefused) void queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
    },
  });
  const problem =
    send.error instanceof EvidenceRefused
      ? `${send.error.file.name}：${ledgerErrorText(send.error.reason, t)}`
      : send.error
        ? ledgerErrorText(send.error, t)
        : null;

  async function submit() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    send.mutate(v);
  }

  return (
    <Modal
      open
      title={`${t('ledger.report')}：${task.title}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ledger.submit')}
      cancelText={t('app.cancel')}
      confirmLoading={send.isPending}
      okButtonProps={{ id: 'report-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ milestonesDone: task.milestones.filter((m) => m.done).map((m) => m.id) }}
        data-testid="report-form"
      >
        <Form.Item name="period" label={t('ledger.period')} rules={[{ required: true }]}>
          <Input placeholder={t('ledger.periodPlaceholder')} data-testid="report-period" />
        </Form.Item>
        <Form.Item name="progress" label={t('ledger.progress')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="report-progress" />
        </Form.Item>
        {task.milestones.length > 0 ? (
          <Form.Item name="milestonesDone" label={t('ledger.milestonesDone')}>
            <Checkbox.Group
              options={task.milestones.map((m) => ({ value: m.id, label: `${m.dueDate} ${m.title}` }))}
              data-testid="report-milestones"
            />
          </Form.Item>
        ) : (
          <Form.Item name="percent" label={t('ledger.percent')}>
            <InputNumber min={0} max={100} precision={0} data-testid="report-percent" />
          </Form.Item>
        )}
        <Form.Item name="completed" valuePropName="checked">
          <Checkbox>{t('ledger.completed')}</Checkbox>
        </Form.Item>
        <Form.Item name="problems" label={t('ledger.problems')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('ledger.nextSteps')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={t('ledger.evidence')} extra={t('ledger.evidenceHint')}>
          <input
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
            data-testid="report-files"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </Form.Item>
        {problem && (
          <Typography.Text type="danger" data-testid="report-problem">
            {problem}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
