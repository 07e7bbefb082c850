import type { TrajectoryPoint } from '@gz/shared';

/** SVG paths of a sparkline: the counted values and, dashed behind them, the expected path. */
export interface SparklineGeometry {
  actual: string;
  expected: string;
  /** the latest counted point, drawn as a dot */
  last: { x: number; y: number } | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Geometry of a row's sparkline, drawn as plain SVG rather than one ECharts instance per row:
 * a list of 36 canvases would cost the phone far more than the information is worth. Years map
 * evenly onto the width; values share one scale so the expected path and the actual line compare.
 */
export function sparklineGeometry(
  points: readonly TrajectoryPoint[],
  width: number,
  height: number,
  padding = 2,
): SparklineGeometry {
  const values = points.flatMap((p) => [p.actual, p.expected]).filter((v): v is number => v !== null);
  if (points.length === 0 || values.length === 0) return { actual: '', expected: '', last: null };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const x = (i: number) =>
    round(padding + (points.length === 1 ? 0 : (i * (width - 2 * padding)) / (points.length - 1)));
  // A flat series sits in the middle instead of collapsing onto an edge.
  const y = (v: number) => round(span === 0 ? height / 2 : padding + ((max - v) * (height - 2 * padding)) / span);

  const path = (pick: (p: TrajectoryPoint) => number | null) =>
    points
      .map((p, i) => ({ v: pick(p), i }))
      .filter((p): p is { v: number; i: number } => p.v !== null)
      .map((p, n) => `${n === 0 ? 'M' : 'L'}${x(p.i)} ${y(p.v)}`)
      .join(' ');

  const lastIndex = points.findLastIndex((p) => p.actual !== null);
  const lastValue = points[lastIndex]?.actual ?? null;
  return {
    actual: path((p) => p.actual),
    expected: path((p) => p.expected),
    last: lastValue === null ? null : { x: x(lastIndex), y: y(lastValue) },
  };
}
