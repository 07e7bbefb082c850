import type { TaskColour, TaskStatus } from '@gz/shared';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<TaskColour, string> = { grey: '#9aa0a6', green: '#2e9b4f', yellow: '#e0a800', red: '#d4380d' };

/** A task's light (红黄绿灯) and status label; the rule that fired is the tooltip. */
export function StatusLight({
  status,
  colour,
  rule,
}: {
  status: TaskStatus;
  colour: TaskColour | null;
  rule?: string;
}) {
  const { t } = useTranslation();
  return (
    <span
      className="ledger-light"
      title={rule}
      data-testid="status-light"
      data-status={status}
      data-colour={colour ?? 'none'}
    >
      <span className="ledger-dot" style={{ background: colour ? COLOURS[colour] : 'transparent' }} aria-hidden />
      {t(`ledger.statuses.${status}`)}
    </span>
  );
}

/** Only the dot, for roll-ups (a measure's or a section's worst colour). */
export function RollupDot({ colour }: { colour: TaskColour | null }) {
  const { t } = useTranslation();
  if (colour === null) return null;
  return (
    <span
      className="ledger-dot"
      style={{ background: COLOURS[colour] }}
      title={t(`ledger.colours.${colour}`)}
      role="img"
      aria-label={t(`ledger.colours.${colour}`)}
    />
  );
}
