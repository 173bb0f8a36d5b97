import type { ReactNode } from 'react';

interface ActionRowProps {
  title: string;
  hint: ReactNode;
  label: string;
  onClick: () => void;
  tone?: 'primary' | 'secondary' | 'danger';
  /** Shown instead of `label` while the action runs. */
  busyLabel?: string;
  busy?: boolean;
}

/** One action of a "danger zone" card: what it does on the left, its button on the right. */
export function ActionRow({
  title,
  hint,
  label,
  onClick,
  tone = 'secondary',
  busyLabel,
  busy = false,
}: ActionRowProps) {
  return (
    <div className="danger-row">
      <div>
        <h3>{title}</h3>
        <p className="hint">{hint}</p>
      </div>
      <button type="button" className={`button ${tone}`} onClick={onClick} disabled={busy} aria-busy={busy}>
        {busy && busyLabel ? busyLabel : label}
      </button>
    </div>
  );
}
