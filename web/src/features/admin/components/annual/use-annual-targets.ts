import {
  type AnnualTarget,
  type AnnualTargetBasis,
  defaultAnnualTargetBasis,
  type Indicator,
  type PlanListItem,
} from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { annualTargetKeys, fetchPlanAnnualTargets, setAnnualTarget } from '../../../../api/annual-targets.ts';
import { indicatorKeys } from '../../../../api/indicators.ts';
import { specOf, type SpecValues, specValues } from '../../form-values.ts';
import { formFailure, placeFieldErrors } from '../form-parts.tsx';

/** The fields of the annual-target form. */
export interface AnnualValues extends SpecValues {
  code: string;
  year: number;
  text: string;
  source: string;
  basis: AnnualTargetBasis;
}

const FIELD_OF: Record<string, keyof AnnualValues> = {
  spec: 'value',
  text: 'text',
  source: 'source',
  basis: 'basis',
  year: 'year',
  code: 'code',
};

/** The plan's annual targets, in the list's order. */
export function usePlanAnnualTargets(planId: string) {
  return useQuery({ queryKey: annualTargetKeys.ofPlan(planId), queryFn: () => fetchPlanAnnualTargets(planId) });
}

/**
 * The annual-target form's state: the save (a useMutation placing the API's refusals at their fields), loading a
 * target into the form to correct it, and the basis suggested for the chosen indicator and kind.
 */
export function useAnnualTargetEditor(plan: PlanListItem, indicators: readonly Indicator[]) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AnnualValues>();

  const save = useMutation({
    mutationFn: (v: { code: string; year: number; body: Parameters<typeof setAnnualTarget>[3] }) =>
      setAnnualTarget(plan.id, v.code, v.year, v.body),
    onSuccess: () => {
      message.success(t('app.saved'));
      // The year and source stay: a work report sets several targets for the same year.
      form.resetFields(['code', 'kind', 'value', 'tolerance', 'text']);
      void queryClient.invalidateQueries({ queryKey: annualTargetKeys.all });
      // Trajectories carry the targets' positions on the chart.
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
    },
    onError: (error) => placeFieldErrors(form, error, FIELD_OF),
  });

  // The basis the API would choose, offered as the default: growth for a rate target on a level indicator.
  function suggestBasis(values: Partial<AnnualValues>) {
    const indicator = indicators.find((i) => i.code === values.code);
    if (values.kind !== 'annual_rate' || !indicator) return;
    // Only the kinds decide the default; the rate itself plays no part.
    form.setFieldValue('basis', defaultAnnualTargetBasis({ kind: 'annual_rate', rate: 0 }, indicator.target.spec.kind));
  }

  function edit(target: AnnualTarget) {
    save.reset();
    form.resetFields();
    form.setFieldsValue({
      code: target.code,
      year: target.year,
      ...specValues(target.spec),
      text: target.text ?? '',
      source: target.source,
      basis: target.basis,
    });
  }

  function submit(values: AnnualValues) {
    const spec = specOf(values);
    if (!spec.success) {
      save.reset();
      form.setFields([{ name: 'value', errors: [spec.error.issues[0]?.message ?? t('entry.valueInvalid')] }]);
      return;
    }
    save.mutate({
      code: values.code,
      year: values.year,
      body: {
        spec: spec.data,
        text: values.text,
        source: values.source,
        // Only a rate can be compared with growth; anything else is compared with the value itself.
        basis: spec.data.kind === 'annual_rate' ? values.basis : 'value',
      },
    });
  }

  return {
    form,
    busy: save.isPending,
    failure: formFailure(save.error, FIELD_OF, t),
    suggestBasis,
    edit,
    submit,
  };
}

/** What {@link useAnnualTargetEditor} gives the form. */
export type AnnualTargetEditor = ReturnType<typeof useAnnualTargetEditor>;
