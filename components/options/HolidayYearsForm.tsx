import { useEffect, useState, type SyntheticEvent } from 'react';
import { loadHolidayYears, type HolidayYearRecord } from '../../lib/db/holiday-years';
import { deleteHolidayYear, HolidayYearRefused, saveHolidayYear } from '../../lib/db/save-holiday-year';
import { toIsoDate } from '../../lib/domain/dates';
import { firstNoticeDay, HOLIDAY_NAMES, openNoticeYears, type HolidayName, type HolidayYearProblem } from '../../lib/domain/holiday-year';
import { officialCalendarYears } from '../../lib/domain/working-days';
import { t } from '../../lib/i18n';
import { holidayName, holidayProblemText } from '../../lib/i18n/holiday-labels';

type Ranges = Record<HolidayName, { from: string; to: string }>;

const emptyRanges = (): Ranges => Object.fromEntries(HOLIDAY_NAMES.map((name) => [name, { from: '', to: '' }])) as Ranges;

function rangesOf(record: HolidayYearRecord | undefined): Ranges {
  const ranges = emptyRanges();
  for (const h of record?.holidays ?? []) ranges[h.name] = { from: h.from, to: h.to };
  return ranges;
}

/** Whether a problem is about this holiday or this make-up day, to mark its field. */
const aboutHoliday = (p: HolidayYearProblem, name: HolidayName) => ('name' in p && p.name === name && p.code.startsWith('holiday')) || (p.code === 'new-year-missing' && name === 'new-year');
const aboutDay = (p: HolidayYearProblem, value: string) => ('day' in p && p.day === value.trim()) || (p.code === 'workday-invalid-date' && p.text === value.trim());

/**
 * A year's official holidays and make-up working days, typed from the State Council's notice, for
 * a year the built-in calendar does not cover. Saving checks every entry (lib/domain/holiday-year.ts),
 * then stores the year and re-plans every agreement's reminders in one step; a refused entry is
 * named and nothing is saved.
 */
export function HolidayYearsForm() {
  const [today] = useState(() => toIsoDate(Date.now()));
  const years = openNoticeYears(today);
  const [year, setYear] = useState<number | null>(years[0] ?? null);
  const [stored, setStored] = useState<HolidayYearRecord[] | null>(null);
  const [ranges, setRanges] = useState<Ranges>(emptyRanges);
  const [workdays, setWorkdays] = useState<string[]>(['']);
  const [problems, setProblems] = useState<HolidayYearProblem[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const show = (records: HolidayYearRecord[], chosen: number | null) => {
    const record = records.find((r) => r.year === chosen);
    setRanges(rangesOf(record));
    setWorkdays(record && record.workdays.length > 0 ? [...record.workdays] : ['']);
    setProblems([]);
  };

  useEffect(() => {
    let live = true;
    loadHolidayYears().then(
      (records) => {
        if (!live) return;
        setStored(records);
        show(records, years[0] ?? null);
      },
      (error: unknown) => live && setFailure(t('errGeneric', error instanceof Error ? error.message : String(error))),
    );
    return () => {
      live = false;
    };
    // Loaded once; the years offered follow from the day the page opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const covered = officialCalendarYears();
  const lastCovered = covered[covered.length - 1];
  const heading = (
    <h3 id="holidays-title" className="section-title">
      {t('holidaysTitle')}
    </h3>
  );
  if (year === null) {
    return (
      <section id="holidays" className="holiday-years" aria-labelledby="holidays-title">
        {heading}
        <p className="hint">{t('holidaysUpToDate')}</p>
      </section>
    );
  }
  if (stored === null) return failure ? <p className="banner error">{failure}</p> : <p className="status">…</p>;

  const first = firstNoticeDay(year);
  const last = `${String(year)}-12-31`;
  const entered = stored.some((r) => r.year === year);
  const edited = () => {
    setStatus(null);
    setFailure(null);
    setConfirmingDelete(false);
  };

  const remove = async () => {
    setBusy(true);
    setStatus(null);
    setFailure(null);
    try {
      const deleted = await deleteHolidayYear(year, Date.now());
      const records = stored.filter((r) => r.year !== year);
      setStored(records);
      show(records, year);
      setConfirmingDelete(false);
      setStatus(t(deleted ? 'holidaysDeleted' : 'holidaysDeleteNothing', String(year)));
    } catch (error) {
      setFailure(t('errGeneric', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    setFailure(null);
    try {
      const draft = { year, holidays: HOLIDAY_NAMES.map((name) => ({ name, ...ranges[name] })), workdays };
      const saved = await saveHolidayYear(draft, Date.now());
      const records = [...stored.filter((r) => r.year !== saved.year), saved].sort((a, b) => a.year - b.year);
      setStored(records);
      show(records, year);
      setStatus(t('holidaysSaved', String(year)));
    } catch (error) {
      if (error instanceof HolidayYearRefused) setProblems([...error.problems]);
      else setFailure(t('errGeneric', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="holidays" className="holiday-years" aria-labelledby="holidays-title">
      {heading}
      <p className="hint">{t('holidaysIntro', lastCovered === undefined ? '' : String(lastCovered))}</p>
      <p className="hint">{t('holidaysSource', String(year))}</p>
      <form className="form" noValidate onSubmit={(event) => void save(event)} aria-labelledby="holidays-title">
        <div className="field">
          <label htmlFor="holiday-year">{t('holidaysYear')}</label>
          <select
            id="holiday-year"
            value={year}
            onChange={(event) => {
              const chosen = Number(event.target.value);
              setYear(chosen);
              show(stored, chosen);
              edited();
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          {entered && <p className="hint">{t('holidaysSavedOn', String(year))}</p>}
        </div>

        <fieldset className="card">
          <legend>{t('holidaysDaysOff')}</legend>
          <p className="hint">{t('holidaysDaysOffHint')}</p>
          <div className="holiday-ranges">
            {HOLIDAY_NAMES.map((name) => {
              const invalid = problems.some((p) => aboutHoliday(p, name));
              const set = (side: 'from' | 'to', value: string) => {
                edited();
                setRanges({ ...ranges, [name]: { ...ranges[name], [side]: value } });
              };
              return (
                <div className={invalid ? 'holiday-range field invalid' : 'holiday-range field'} key={name}>
                  <span className="holiday-name" id={`holiday-${name}`}>
                    {holidayName(name)}
                  </span>
                  <span className="holiday-days">
                    <input
                      type="date"
                      min={name === 'new-year' ? first : `${String(year)}-01-01`}
                      max={last}
                      value={ranges[name].from}
                      aria-label={t('holidaysFrom', holidayName(name))}
                      aria-invalid={invalid}
                      onChange={(event) => set('from', event.target.value)}
                    />
                    <span aria-hidden="true">–</span>
                    <input
                      type="date"
                      min={name === 'new-year' ? first : `${String(year)}-01-01`}
                      max={last}
                      value={ranges[name].to}
                      aria-label={t('holidaysTo', holidayName(name))}
                      aria-invalid={invalid}
                      onChange={(event) => set('to', event.target.value)}
                    />
                  </span>
                </div>
              );
            })}
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>{t('holidaysMakeUp')}</legend>
          <p className="hint">{t('holidaysMakeUpHint')}</p>
          <ol className="make-up-days">
            {workdays.map((value, index) => {
              const number = String(index + 1);
              const invalid = value.trim() !== '' && problems.some((p) => aboutDay(p, value));
              return (
                // The list is edited in place: a day's position is its identity while the page is open.
                <li key={index} className={invalid ? 'field invalid' : 'field'}>
                  <span className="make-up-day">
                    <input
                      type="date"
                      min={first}
                      max={last}
                      value={value}
                      aria-label={t('holidaysMakeUpDay', number)}
                      aria-invalid={invalid}
                      onChange={(event) => {
                        edited();
                        setWorkdays(workdays.map((d, i) => (i === index ? event.target.value : d)));
                      }}
                    />
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={t('holidaysRemoveMakeUp', number)}
                      onClick={() => {
                        edited();
                        const left = workdays.filter((_, i) => i !== index);
                        setWorkdays(left.length > 0 ? left : ['']);
                      }}
                    >
                      {t('holidaysRemove')}
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
          <p>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                edited();
                setWorkdays([...workdays, '']);
              }}
            >
              {t('holidaysAddMakeUp')}
            </button>
          </p>
        </fieldset>

        {problems.length > 0 && (
          <div className="banner error" role="alert">
            <p>{t('holidaysRefused')}</p>
            <ul>
              {problems.map((problem) => {
                const text = holidayProblemText(problem, year);
                return <li key={text}>{text}</li>;
              })}
            </ul>
          </div>
        )}
        {failure && (
          <p className="banner error" role="alert">
            {failure}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('holidaysSave', String(year))}
          </button>
          {entered && !confirmingDelete && (
            <button type="button" className="button danger" disabled={busy}
              onClick={() => {
                setStatus(null);
                setConfirmingDelete(true);
              }}
            >
              {t('holidaysDelete')}
            </button>
          )}
        </div>
        {entered && confirmingDelete && (
          <div className="banner warn holiday-delete" role="group" aria-label={t('holidaysDelete')}>
            <p>{t('holidaysDeleteConfirm', String(year))}</p>
            <div className="form-actions">
              <button type="button" className="button danger" disabled={busy} onClick={() => void remove()}>
                {t('holidaysDeleteYes', String(year))}
              </button>
              <button type="button" className="button secondary" disabled={busy} onClick={() => setConfirmingDelete(false)} autoFocus>
                {t('deleteNo')}
              </button>
            </div>
          </div>
        )}
        <p className="status" role="status">
          {status}
        </p>
      </form>
    </section>
  );
}
