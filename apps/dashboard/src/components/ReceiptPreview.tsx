import { decodeOrder, renderReceipt } from '@goodcom/protocol';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface ReceiptPreviewProps {
  wire: string;
  /** The printer's newline token (`%%` by default). */
  newline?: string;
  /** Columns: 32 for 58 mm paper. */
  width?: number;
}

/** The ticket as the printer will print it, decoded from the exact wire text. */
export function ReceiptPreview({ wire, newline = '%%', width = 32 }: ReceiptPreviewProps) {
  const { t } = useI18n();
  const result = useMemo(() => {
    try {
      const decoded = decodeOrder(wire);
      return { receipt: renderReceipt(decoded, { width, newline }), warnings: decoded.warnings };
    } catch {
      return null;
    }
  }, [wire, newline, width]);

  if (!result) {
    return <p className="notice notice-warning">{t('receipt.unreadable')}</p>;
  }
  return (
    <figure className="receipt">
      <pre className="receipt-paper" aria-label={t('receipt.label')} data-testid="receipt-preview">
        {result.receipt}
      </pre>
      {result.warnings.length > 0 ? (
        <figcaption className="hint">
          {t('receipt.warnings')} {result.warnings.join('; ')}
        </figcaption>
      ) : null}
    </figure>
  );
}
