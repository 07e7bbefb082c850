import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { init } from './echarts.ts';
import type { ChartOption } from './options/common.ts';

interface EChartProps {
  option: ChartOption;
  /** what the chart shows, in words: the canvas itself says nothing to a screen reader */
  label: string;
  /** name of the saved PNG, without extension */
  fileName: string;
  height?: number;
}

/**
 * Owns one ECharts instance: creates it, applies each new option in full, follows the container's
 * size (ResizeObserver: the phone rotates, the sidebar collapses) and disposes of it. What the
 * chart shows is decided entirely by the pure option builders.
 */
export function EChart({ option, label, fileName, height = 320 }: EChartProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a series dropped from the option (pending values hidden) must disappear from the chart.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  function savePng() {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = `${fileName}.png`;
    link.click();
  }

  return (
    <div className="echart">
      <div
        ref={container}
        className="echart-canvas"
        style={{ height }}
        role="img"
        aria-label={label}
        data-testid="chart"
      />
      <Button
        size="small"
        icon={<DownloadOutlined />}
        onClick={savePng}
        className="echart-save"
        data-testid="chart-save"
      >
        {t('detail.savePng')}
      </Button>
    </div>
  );
}
