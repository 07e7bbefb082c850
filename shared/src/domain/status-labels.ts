import type { Colour, EvaluationClass, Status } from '../schemas/progress.ts';

/** A text in both languages of the product: zh-CN (the default) and English. */
export interface BilingualText {
  zh: string;
  en: string;
}

/**
 * The label of each status as the method document prints it. `achieved` carries the label used at or
 * after the target year (已完成); {@link statusLabel} switches to 提前实现 before it.
 */
export const STATUS_LABELS: Readonly<Record<Status, BilingualText>> = {
  achieved: { zh: '已完成', en: 'Achieved' },
  ahead: { zh: '快于预期', en: 'Ahead of schedule' },
  on_track: { zh: '基本符合预期', en: 'On track' },
  lagging: { zh: '滞后于预期', en: 'Lagging' },
  seriously_lagging: { zh: '严重滞后', en: 'Seriously lagging' },
  regressing: { zh: '逆向变化', en: 'Regressing' },
  not_achieved: { zh: '未完成', en: 'Not achieved' },
  target_pending: { zh: '目标待下达', en: 'Target pending' },
  monitoring: { zh: '仅监测', en: 'Monitoring only' },
  insufficient_data: { zh: '数据不足', en: 'Insufficient data' },
};

/** The label of `achieved` before the target year: a target met early is reported as 提前实现. */
export const ACHIEVED_EARLY_LABEL: Readonly<BilingualText> = { zh: '提前实现', en: 'Achieved early' };

/**
 * The label of a status. Only `achieved` depends on the year: 已完成 when the value that met the target
 * is of the target year or later, 提前实现 before it.
 */
export function statusLabel(status: Status, atOrAfterTarget: boolean): BilingualText {
  const label = status === 'achieved' && !atOrAfterTarget ? ACHIEVED_EARLY_LABEL : STATUS_LABELS[status];
  return { ...label };
}

/** Traffic-light colour of each status: green is fine, yellow needs attention, red is an early warning, grey is not evaluated. */
export const STATUS_COLOURS: Readonly<Record<Status, Colour>> = {
  achieved: 'green',
  ahead: 'green',
  on_track: 'green',
  lagging: 'yellow',
  seriously_lagging: 'red',
  regressing: 'red',
  not_achieved: 'red',
  target_pending: 'grey',
  monitoring: 'grey',
  insufficient_data: 'grey',
};

/** The colour of a status (see {@link STATUS_COLOURS}). */
export function statusColour(status: Status): Colour {
  return STATUS_COLOURS[status];
}

/**
 * The class of official evaluations (年度/中期/终期评估) each status is reported under: every shortfall
 * counts as 滞后于预期 and every status the method cannot judge as 未评估.
 */
export const STATUS_EVALUATION_CLASSES: Readonly<Record<Status, EvaluationClass>> = {
  achieved: 'achieved',
  ahead: 'ahead',
  on_track: 'on_track',
  lagging: 'lagging',
  seriously_lagging: 'lagging',
  regressing: 'lagging',
  not_achieved: 'lagging',
  target_pending: 'not_evaluated',
  monitoring: 'not_evaluated',
  insufficient_data: 'not_evaluated',
};

/** The evaluation class of a status (see {@link STATUS_EVALUATION_CLASSES}). */
export function evaluationClassOf(status: Status): EvaluationClass {
  return STATUS_EVALUATION_CLASSES[status];
}

/** Labels of the evaluation classes, as official evaluation reports print them. */
export const EVALUATION_CLASS_LABELS: Readonly<Record<EvaluationClass, BilingualText>> = {
  achieved: { zh: '提前实现/已完成', en: 'Achieved (early or on time)' },
  ahead: { zh: '快于预期', en: 'Ahead of schedule' },
  on_track: { zh: '基本符合预期', en: 'On track' },
  lagging: { zh: '滞后于预期', en: 'Lagging' },
  not_evaluated: { zh: '未评估', en: 'Not evaluated' },
};

/**
 * Every status, worst first: the order of early-warning lists and "worst first" sorting
 * (未完成 > 逆向变化 > 严重滞后 > 滞后 > … > 已完成). Statuses the method cannot judge come last,
 * because nothing is known to be wrong with them.
 */
export const SEVERITY_ORDER: readonly Status[] = [
  'not_achieved',
  'regressing',
  'seriously_lagging',
  'lagging',
  'on_track',
  'ahead',
  'achieved',
  'insufficient_data',
  'target_pending',
  'monitoring',
];

/** Sort comparator on {@link SEVERITY_ORDER}: negative when `a` is worse than `b`. */
export function compareSeverity(a: Status, b: Status): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}
