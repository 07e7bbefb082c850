import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sparklineGeometry } from '../../../charts/options/sparkline.ts';
import { useTrajectory } from '../useIndicatorQueries.ts';

const WIDTH = 96;
const HEIGHT = 28;

/** A row's trend: fetched only once the row is on screen, so a long list costs what is seen. */
export function Sparkline({ planId, code, name }: { planId: string; code: string; name: string }) {
  const { t } = useTranslation();
  const ref = useRef<SVGSVGElement>(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  const trajectory = useTrajectory(planId, code, false, visible);
  const geometry = trajectory.data ? sparklineGeometry(trajectory.data.points, WIDTH, HEIGHT) : null;

  return (
    <svg
      ref={ref}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="sparkline"
      role="img"
      aria-label={t('chart.sparkline', { name })}
    >
      {geometry && (
        <>
          <path d={geometry.expected} className="sparkline-expected" />
          <path d={geometry.actual} className="sparkline-actual" />
          {geometry.last && <circle cx={geometry.last.x} cy={geometry.last.y} r={2.5} className="sparkline-last" />}
        </>
      )}
    </svg>
  );
}
