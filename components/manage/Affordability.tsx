import { useEffect, useId, useMemo, useState, type SyntheticEvent } from 'react';
import { askByLender, monthlyBurden, parseAffordable, unpaidDues, type AffordableInputError, type LenderAsk } from '../../lib/domain/affordability';
import type { IsoDate } from '../../lib/domain/dates';
import type { LenderSummary } from '../../lib/domain/lender-view';
import { formatFen, type Fen } from '../../lib/domain/money';
import { fenToYuanInput } from '../../lib/domain/money-input';
import { thisMonthBurden, totals, type OverviewItem } from '../../lib/domain/overview';
import { loadAffordableMonthly, saveAffordableMonthly } from '../../lib/negotiation/affordable-monthly';
import { formatDayCount, t, uiLanguage, type MessageKey } from '../../lib/i18n';
import { shortDate } from '../../lib/i18n/labels';
import './Affordability.css';

const money = (fen: number) => formatFen(fen, uiLanguage());

const INPUT_ERRORS: Record<AffordableInputError, MessageKey> = {
  empty: 'affordErrEmpty',
  'not-a-number': 'affordErrNumber',
  negative: 'affordErrNegative',
  'too-many-decimals': 'affordErrDecimals',
  'too-large': 'affordErrTooLarge',
  zero: 'affordErrZero',
};

/** How far ahead the burden is compared with the monthly amount: a plan's usual year. */
const MONTHS_AHEAD = 12;

interface Props {
  /** Every agreement as the list shows it: the dues, each period of a plan apart. */
  overview: readonly OverviewItem[];
  lenders: readonly Pick<LenderSummary, 'key' | 'name' | 'agreements'>[];
  today: IsoDate;
  /** Puts one lender's ask into the side panel's script: call it in the click itself (it opens the panel). */
  onUseInChat: (ask: LenderAsk, lenderName: string) => void;
}

/**
 * What can I pay each month: the user's own figure against what all the agreements ask, and the
 * plan to propose to each lender (lib/domain/affordability.ts), overdue debts first. The figure is
 * remembered on this device; a figure that is not an amount is refused and the last good one kept.
 */
export function Affordability({ overview, lenders, today, onUseInChat }: Props) {
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [monthlyFen, setMonthlyFen] = useState<Fen | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    loadAffordableMonthly().then(
      (fen) => {
        if (!live || fen === null) return;
        setMonthlyFen(fen);
        setText(fenToYuanInput(fen));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = parseAffordable(text);
    if (!parsed.ok) {
      setError(t(INPUT_ERRORS[parsed.error]));
      return;
    }
    setError(null);
    setMonthlyFen(parsed.value);
    setText(fenToYuanInput(parsed.value));
    // Remembering it is a convenience: the plan shows even if storage refuses (locked meanwhile).
    saveAffordableMonthly(parsed.value).catch(() => undefined);
  };

  const month = useMemo(() => thisMonthBurden(overview, today), [overview, today]);
  const leftFen = useMemo(() => totals(overview).leftFen, [overview]);
  const plan = useMemo(() => {
    if (monthlyFen === null) return null;
    const burden = monthlyBurden(unpaidDues(overview), monthlyFen, today, MONTHS_AHEAD);
    const debts = lenders.map((l) => ({
      key: l.key,
      agreements: l.agreements.map((a) => ({ id: a.agreement.id, currentDueDate: a.currentDueDate, owedFen: a.owedFen })),
    }));
    const asks = askByLender(debts, monthlyFen, today);
    if (!burden.ok || !asks.ok) return null;
    return { covered: burden.value.every((b) => b.shortfallFen === 0), asks: asks.value };
  }, [monthlyFen, overview, lenders, today]);
  const names = new Map(lenders.map((l) => [l.key, l.name]));

  return (
    <section className="affordability" aria-labelledby="afford-title">
      <h2 id="afford-title">{t('affordHeading')}</h2>
      <p className="hint">{t('affordIntro')}</p>
      <form className="afford-form" onSubmit={submit} noValidate>
        <div className={error ? 'field invalid' : 'field'}>
          <label htmlFor={inputId}>{t('affordLabel')}</label>
          <input
            id={inputId}
            inputMode="decimal"
            autoComplete="off"
            value={text}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          {error && (
            <p id={errorId} className="error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button primary">
          {t('affordShow')}
        </button>
      </form>
      {monthlyFen !== null && (
        <div className="afford-burden" role="status">
          <p>{t('affordAgainst', [money(month.leftFen), money(monthlyFen)])}</p>
          {month.leftFen > monthlyFen ? (
            <p className="afford-short">{t('affordShort', money(month.leftFen - monthlyFen))}</p>
          ) : null}
          {leftFen > 0 && monthlyFen >= leftFen ? (
            <p className="afford-covered">{t('affordMoreThanOwed', [money(monthlyFen), money(leftFen)])}</p>
          ) : plan?.covered ? (
            <p className="afford-covered">{t('affordCovered', [money(monthlyFen), String(MONTHS_AHEAD)])}</p>
          ) : null}
        </div>
      )}
      {plan && !plan.covered && monthlyFen !== null && monthlyFen < leftFen && plan.asks.length > 0 && (
        <>
          <h3>{t('affordAsksHeading')}</h3>
          <ol className="afford-asks">
            {plan.asks.map((ask) => {
              const name = names.get(ask.key) ?? ask.key;
              return (
                <li key={ask.key} className={ask.daysLate > 0 ? 'afford-ask overdue' : 'afford-ask'}>
                  <div className="afford-ask-head">
                    <strong className="afford-lender">{name}</strong>
                    <span className={ask.daysLate > 0 ? 'afford-when overdue' : 'afford-when'}>
                      {ask.daysLate > 0 ? t('overdueBy', formatDayCount(ask.daysLate)) : t('affordDue', shortDate(ask.dueDate))}
                    </span>
                  </div>
                  <p className="afford-left">{t('affordLeftAndShare', [money(ask.owedFen), money(ask.shareFen)])}</p>
                  {ask.ask ? (
                    <div className="afford-ask-line">
                      <p className="afford-proposal">{t('affordAsk', [String(ask.ask.periods), money(ask.ask.monthlyFen)])}</p>
                      <button type="button" className="button secondary small" onClick={() => onUseInChat(ask, name)}>
                        {t('affordUseInChat')}
                      </button>
                    </div>
                  ) : (
                    <p className="afford-nofit">
                      {t('affordNoFit', [money(ask.minimumMonthlyFen ?? 0), money(ask.shareFen)])}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
          <p className="hint">{t('affordCaution')}</p>
        </>
      )}
    </section>
  );
}
