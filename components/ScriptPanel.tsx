import { useEffect, useId, useMemo, useState } from 'react';
import type { AgreementRecord } from '../lib/db/schema';
import { t, uiLanguage } from '../lib/i18n';
import { SCENARIOS, type Bilingual, type ScenarioId } from '../lib/negotiation/scenarios';
import { loadTypedValues, saveTypedValues, valuesFromAgreement } from '../lib/negotiation/slot-values';
import { fillSegments, parseTemplate, slotsOf, type Slot, type SlotValues } from '../lib/negotiation/template';
import type { MessageKey } from '../lib/i18n';

const slotName = (slot: Slot) => t(`slot_${slot}` as MessageKey);

interface Props {
  /** The agreement being talked about, or undefined for a general talk. */
  agreement: AgreementRecord | undefined;
  scope: string;
}

/** The script for one situation, filled with the user's own figures; each line copies in one click. */
export function ScriptPanel({ agreement, scope }: Props) {
  const language = uiLanguage();
  const pick = (text: Bilingual) => (language === 'zh-CN' ? text.zh : text.en);
  const [scenarioId, setScenarioId] = useState<ScenarioId>('installments');
  const [typed, setTyped] = useState<SlotValues>({});
  const [status, setStatus] = useState<string | null>(null);
  const pickerId = useId();
  const scenario = SCENARIOS.find((s) => s.id === scenarioId) ?? SCENARIOS[0];

  useEffect(() => {
    let live = true;
    loadTypedValues(scope).then(
      (values) => live && setTyped(values),
      () => live && setTyped({}),
    );
    return () => {
      live = false;
    };
  }, [scope]);

  const known = useMemo(() => valuesFromAgreement(agreement, language), [agreement, language]);
  const values: SlotValues = { ...known, ...Object.fromEntries(Object.entries(typed).filter(([, v]) => v.trim())) };

  const lines = useMemo(
    () =>
      (scenario?.steps ?? []).map((step) => {
        const parsed = parseTemplate(pick(step.say));
        return { step, segments: parsed.ok ? parsed.value : [] };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `pick` only depends on the language
    [scenario, language],
  );
  const slots = [...new Set(lines.flatMap((l) => slotsOf(l.segments)))];

  const setValue = (slot: Slot, value: string) => {
    const next = { ...typed, [slot]: value };
    setTyped(next);
    saveTypedValues(scope, next).catch(() => undefined);
  };

  const copy = async (text: string, missing: Slot[]) => {
    if (missing.length > 0) {
      setStatus(t('copyMissing', missing.map(slotName).join(language === 'zh-CN' ? '、' : ', ')));
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('copied'));
    } catch {
      setStatus(t('copyFailed'));
    }
  };

  return (
    <section className="script" aria-label={t('tabScript')}>
      <div className="field">
        <label htmlFor={pickerId}>{t('scenarioLabel')}</label>
        <select id={pickerId} value={scenarioId} onChange={(e) => setScenarioId(e.target.value as ScenarioId)}>
          {SCENARIOS.map((s) => (
            <option key={s.id} value={s.id}>
              {pick(s.title)}
            </option>
          ))}
        </select>
        {scenario && <p className="hint">{t('scenarioWhen', pick(scenario.when))}</p>}
      </div>

      {slots.length > 0 && (
        <fieldset className="figures">
          <legend>{t('yourFigures')}</legend>
          <p className="hint">{t('yourFiguresHint')}</p>
          {slots.map((slot) => (
            <label key={slot} className="figure">
              <span>{slotName(slot)}</span>
              <input
                type="text"
                value={typed[slot] ?? ''}
                placeholder={known[slot] ?? ''}
                onChange={(e) => setValue(slot, e.target.value)}
              />
            </label>
          ))}
        </fieldset>
      )}

      <p className="status" role="status">
        {status}
      </p>
      <ol className="script-steps">
        {lines.map(({ step, segments }) => {
          const filled = fillSegments(segments, values, (slot) => t('missingSlot', slotName(slot)));
          return (
            <li key={step.id} className="script-step">
              <p className={filled.missing.length > 0 ? 'line incomplete' : 'line'}>{filled.text}</p>
              <button
                type="button"
                className="button secondary small"
                aria-label={`${t('copyLine')}: ${filled.text}`}
                onClick={() => void copy(filled.text, filled.missing)}
              >
                {t('copyLine')}
              </button>
              {step.replies?.map((reply, i) => {
                const answer = parseTemplate(pick(reply.answer));
                const answerText = answer.ok
                  ? fillSegments(answer.value, values, (slot) => t('missingSlot', slotName(slot))).text
                  : pick(reply.answer);
                return (
                  <details key={i} className="reply">
                    <summary>{t('ifAgentSays', pick(reply.ifAgent))}</summary>
                    <p className="line">{answerText}</p>
                  </details>
                );
              })}
            </li>
          );
        })}
      </ol>
      <p className="hint">{t('bestTime')}</p>
    </section>
  );
}
