import { MIN_PASSPHRASE_LENGTH, type PassphraseProblem } from '../../lib/crypto/passphrase-rule';
import { t, type MessageKey } from '../../lib/i18n';

/** The passphrase fields of the lock and of protected backups: one markup, one rule hint. */

interface NewPassphraseProps {
  idPrefix: string;
  labels: { passphrase: MessageKey; confirmation: MessageKey };
  passphrase: string;
  confirmation: string;
  problem: PassphraseProblem | null;
  disabled: boolean;
  /** More ids describing the first field (a warning beside it). */
  describedBy?: string;
  onPassphrase: (value: string) => void;
  onConfirmation: (value: string) => void;
}

/** A new passphrase typed twice, the rule said under it, each field marked by its own problem. */
export function NewPassphraseFields({ idPrefix, labels, passphrase, confirmation, problem, disabled, describedBy, onPassphrase, onConfirmation }: NewPassphraseProps) {
  return (
    <>
      <div className={`field${problem === 'too-short' || problem === 'one-character' ? ' invalid' : ''}`}>
        <label htmlFor={`${idPrefix}-new`}>{t(labels.passphrase)}</label>
        <input
          id={`${idPrefix}-new`}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          disabled={disabled}
          aria-describedby={describedBy ? `${idPrefix}-rule ${describedBy}` : `${idPrefix}-rule`}
          onChange={(e) => onPassphrase(e.target.value)}
        />
        <p className="hint" id={`${idPrefix}-rule`}>
          {t('passphraseTooShort', String(MIN_PASSPHRASE_LENGTH))}
        </p>
      </div>
      <div className={`field${problem === 'mismatch' ? ' invalid' : ''}`}>
        <label htmlFor={`${idPrefix}-confirm`}>{t(labels.confirmation)}</label>
        <input
          id={`${idPrefix}-confirm`}
          type="password"
          autoComplete="new-password"
          value={confirmation}
          disabled={disabled}
          onChange={(e) => onConfirmation(e.target.value)}
        />
      </div>
    </>
  );
}

/** A passphrase the user already has (to open, change or turn off). */
export function PassphraseField({ id, label, value, disabled, onChange }: { id: string; label: MessageKey; value: string; disabled: boolean; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <input id={id} type="password" autoComplete="current-password" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
