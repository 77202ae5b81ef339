import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { browser } from 'wxt/browser';
import { describeOutcome, originOf } from '../../lib/browser/insert-into-page';
import { insertIntoPage, readTargetTab } from '../../lib/browser/page-insert';
import type { AgreementRecord } from '../../lib/db/schema';
import { inSentence, t, uiLanguage } from '../../lib/i18n';
import type { MessageKey } from '../../lib/i18n';
import { checkCustomLine, loadCustomLines, PLACEHOLDERS, restoreBuiltInLine, saveCustomLine, type CustomLineError } from '../../lib/negotiation/custom-lines';
import { SCENARIOS, type Bilingual, type ScenarioId } from '../../lib/negotiation/scenarios';
import { loadTypedValues, saveTypedValues, valuesFromAgreement } from '../../lib/negotiation/slot-values';
import { fillSegments, parseTemplate, slotsOf, type Slot, type SlotValues } from '../../lib/negotiation/template';

/** A figure's label, as its box shows it. */
const slotName = (slot: Slot) => t(`slot_${slot}` as MessageKey);
/** The same inside a line (after a colon, in brackets): "[amount owed]". */
const slotInLine = (slot: Slot) => inSentence(slotName(slot));
const now = () => Date.now();

interface Props {
  /** The agreement being talked about, or undefined for a general talk. */
  agreement: AgreementRecord | undefined;
  scope: string;
  /** The scenario to open on, when one was asked for (an unknown id is ignored). */
  initialScenario?: string | undefined;
}

function customLineErrorText(error: CustomLineError, separator: string): string {
  switch (error.code) {
    case 'empty':
      return t('customLineEmpty');
    case 'too-long':
      return t('customLineTooLong', String(error.max));
    case 'unknown-slots':
      return t('customLineUnknown', error.names.map((name) => `{${name}}`).join(separator));
    case 'unbalanced-brace':
      return t('customLineBraces');
  }
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The tab the panel writes into, kept up to date before any click: the click must ask for a
 * permission synchronously, so it cannot look the tab up first. Its address is seen only while the
 * extension may reach it; the origin seen last per tab is remembered so the site can be asked for
 * after activeTab lapses (the tab navigated).
 */
function useInsertTarget() {
  const target = useRef<{ id: number; url?: string } | undefined>(undefined);
  const origins = useRef(new Map<number, string>());
  const frameOrigins = useRef(new Map<number, string[]>());

  const refresh = useCallback(() => {
    readTargetTab().then(
      (tab) => {
        target.current = tab;
        const origin = tab?.url === undefined ? undefined : originOf(tab.url);
        if (tab && origin) origins.current.set(tab.id, origin);
      },
      () => {
        target.current = undefined;
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    const onTabs = () => refresh();
    browser.tabs.onActivated.addListener(onTabs);
    browser.tabs.onUpdated.addListener(onTabs);
    browser.tabs.onRemoved.addListener(onTabs);
    window.addEventListener('focus', onTabs);
    return () => {
      browser.tabs.onActivated.removeListener(onTabs);
      browser.tabs.onUpdated.removeListener(onTabs);
      browser.tabs.onRemoved.removeListener(onTabs);
      window.removeEventListener('focus', onTabs);
    };
  }, [refresh]);

  return { target, origins, frameOrigins, refresh };
}

/** The script for one situation, filled with the user's own figures; each line copies or goes into the chat in one click. */
export function ScriptPanel({ agreement, scope, initialScenario }: Props) {
  const language = uiLanguage();
  const zh = language === 'zh-CN';
  const separator = zh ? '、' : ', ';
  const pick = (text: Bilingual) => (zh ? text.zh : text.en);
  const [scenarioId, setScenarioId] = useState<ScenarioId>(() => SCENARIOS.find((s) => s.id === initialScenario)?.id ?? 'installments');
  const [typed, setTyped] = useState<SlotValues>({});
  /**
   * What the last copy, insert or edit of a line did, shown beside that line (a message at the top
   * of the tab was out of sight below the figures). It goes when the scenario changes: those lines
   * are gone.
   */
  const [feedback, setFeedback] = useState<{ stepId: string; message: string | null } | null>(null);
  // The line's status region is put in place empty first (a DOM change of its own), so that a
  // screen reader announces the message, and the same message again after two inserts in a row.
  const setStatus = (stepId: string, message: string) => {
    flushSync(() => setFeedback({ stepId, message: null }));
    setFeedback({ stepId, message });
  };
  // The user's own lines, for the scenario they were loaded for.
  const [customLoaded, setCustomLoaded] = useState<{ scenario: ScenarioId; lines: Record<string, string> } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const pickerId = useId();
  const figuresId = useId();
  const editorId = useId();
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const scenario = SCENARIOS.find((s) => s.id === scenarioId) ?? SCENARIOS[0];
  const insertTarget = useInsertTarget();

  useEffect(() => {
    let live = true;
    loadTypedValues(scope).then(
      // A box left empty shows the agreement's figure again when the tab opens next.
      (values) => live && setTyped(Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''))),
      () => live && setTyped({}),
    );
    return () => {
      live = false;
    };
  }, [scope]);

  useEffect(() => {
    let live = true;
    if (!scenario) return;
    loadCustomLines(scenario.id, scenario.steps.map((s) => s.id), language).then(
      (lines) => live && setCustomLoaded({ scenario: scenario.id, lines }),
      () => live && setCustomLoaded({ scenario: scenario.id, lines: {} }),
    );
    return () => {
      live = false;
    };
  }, [scenario, language]);

  const custom = customLoaded?.scenario === scenarioId ? customLoaded.lines : {};
  const setCustom = (update: (lines: Record<string, string>) => Record<string, string>) =>
    setCustomLoaded({ scenario: scenarioId, lines: update(custom) });

  const known = useMemo(() => valuesFromAgreement(agreement, language), [agreement, language]);
  // A figure typed over the agreement's wins, even emptied: the line shows what the box shows.
  const values: SlotValues = { ...known, ...typed };

  // A few short lines: parsed at each render.
  const lines = (scenario?.steps ?? []).map((step) => {
    const own = custom[step.id];
    const template = own ?? (zh ? step.say.zh : step.say.en);
    const parsed = parseTemplate(template);
    return { step, template, own: own !== undefined, segments: parsed.ok ? parsed.value : [] };
  });
  const slots = [...new Set(lines.flatMap((l) => slotsOf(l.segments)))];

  /** A typed figure, or (undefined) back to the agreement's. */
  const setValue = (slot: Slot, value: string | undefined) => {
    const next: SlotValues = value === undefined ? Object.fromEntries(Object.entries(typed).filter(([name]) => name !== slot)) : { ...typed, [slot]: value };
    setTyped(next);
    saveTypedValues(scope, next).catch(() => undefined);
  };

  const refuseMissing = (stepId: string, missing: Slot[]): boolean => {
    if (missing.length === 0) return false;
    setStatus(stepId, t('copyMissing', missing.map(slotInLine).join(separator)));
    return true;
  };

  const copy = async (stepId: string, text: string, missing: Slot[]) => {
    if (refuseMissing(stepId, missing)) return;
    setStatus(stepId, (await writeClipboard(text)) ? t('copied') : t('copyFailed'));
  };

  // Synchronous up to insertIntoPage: it may ask for a site permission, which needs the click.
  const insert = (stepId: string, text: string, missing: Slot[]) => {
    if (refuseMissing(stepId, missing)) return;
    const { target, origins, frameOrigins, refresh } = insertTarget;
    const tab = target.current;
    const pending = insertIntoPage(text, {
      tab,
      ...(tab && origins.current.has(tab.id) ? { rememberedOrigin: origins.current.get(tab.id) } : {}),
      frameOrigins: tab ? (frameOrigins.current.get(tab.id) ?? []) : [],
    });
    void pending.then(async (outcome) => {
      if (tab) {
        if (outcome.code === 'frame-needs-access') frameOrigins.current.set(tab.id, [outcome.origin]);
        else if (outcome.code === 'inserted') frameOrigins.current.delete(tab.id);
      }
      const { key, substitutions } = describeOutcome(outcome, separator);
      let message = t(key, substitutions);
      if (outcome.code !== 'inserted') {
        message += (zh ? '' : ' ') + ((await writeClipboard(text)) ? t('insertCopiedInstead') : t('copyFailed'));
      }
      setStatus(stepId, message);
      refresh();
    });
  };

  const startEditing = (stepId: string, template: string) => {
    setEditing(stepId);
    setDraft(template);
    setDraftError(null);
  };

  const stopEditing = (stepId: string) => {
    setEditing(null);
    setDraftError(null);
    // Back where the keyboard user was.
    requestAnimationFrame(() => editButtons.current.get(stepId)?.focus());
  };

  const save = async (stepId: string) => {
    if (!scenario) return;
    const checked = checkCustomLine(draft);
    if (!checked.ok) {
      setDraftError(customLineErrorText(checked.error, separator));
      return;
    }
    try {
      await saveCustomLine(scenario.id, stepId, language, checked.value, now());
      setCustom((lines) => ({ ...lines, [stepId]: checked.value }));
      setStatus(stepId, t('customLineSaved'));
      stopEditing(stepId);
    } catch {
      setDraftError(t('copyFailed'));
    }
  };

  const restore = async (stepId: string) => {
    if (!scenario) return;
    await restoreBuiltInLine(scenario.id, stepId, language);
    setCustom((lines) => Object.fromEntries(Object.entries(lines).filter(([id]) => id !== stepId)));
    setStatus(stepId, t('customLineRestored'));
    // The Restore button goes away with the user's version: keep the keyboard focus on this line.
    if (editing === stepId) stopEditing(stepId);
    else requestAnimationFrame(() => editButtons.current.get(stepId)?.focus());
  };

  const placeholderList = PLACEHOLDERS.map((slot) => `{${slot}} ${slotInLine(slot)}`).join(separator);

  return (
    <section className="script" aria-label={t('tabScript')}>
      <div className="field">
        <label htmlFor={pickerId}>{t('scenarioLabel')}</label>
        <select
          id={pickerId}
          value={scenarioId}
          onChange={(e) => {
            setScenarioId(e.target.value as ScenarioId);
            setEditing(null);
            setFeedback(null);
          }}
        >
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
          {slots.map((slot) => {
            const own = typed[slot];
            const agreed = known[slot];
            const fromAgreement = own === undefined && agreed !== undefined;
            const inputId = `${figuresId}-${slot}`;
            return (
              <div key={slot} className={fromAgreement ? 'figure from-agreement' : 'figure'}>
                <label htmlFor={inputId}>{slotName(slot)}</label>
                <input
                  id={inputId}
                  type="text"
                  value={own ?? agreed ?? ''}
                  aria-describedby={fromAgreement ? `${inputId}-source` : undefined}
                  onChange={(e) => setValue(slot, e.target.value)}
                />
                {fromAgreement && (
                  <span id={`${inputId}-source`} className="figure-source">
                    {t('figureFromAgreement')}
                  </span>
                )}
                {agreed !== undefined && own !== undefined && own !== agreed && (
                  <button type="button" className="button link small figure-source" onClick={() => setValue(slot, undefined)}>
                    {t('figureUseAgreement', agreed)}
                  </button>
                )}
              </div>
            );
          })}
        </fieldset>
      )}

      <ol className="script-steps">
        {lines.map(({ step, template, own, segments }) => {
          const filled = fillSegments(segments, values, (slot) => t('missingSlot', slotInLine(slot)));
          const isEditing = editing === step.id;
          const fieldId = `${editorId}-${step.id}`;
          const onEditorKey = (event: KeyboardEvent) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              stopEditing(step.id);
            }
          };
          return (
            <li key={step.id} className="script-step">
              {own && <p className="own-line">{t('customLineBadge')}</p>}
              <p className={filled.missing.length > 0 ? 'line incomplete' : 'line'}>{filled.text}</p>
              <div className="line-actions">
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={`${t('copyLine')}: ${filled.text}`}
                  onClick={() => void copy(step.id, filled.text, filled.missing)}
                >
                  {t('copyLine')}
                </button>
                <button
                  type="button"
                  className="button primary small"
                  aria-label={`${t('insertLine')}: ${filled.text}`}
                  onClick={() => insert(step.id, filled.text, filled.missing)}
                >
                  {t('insertLine')}
                </button>
                <button
                  type="button"
                  className="button link small"
                  ref={(el) => {
                    if (el) editButtons.current.set(step.id, el);
                    else editButtons.current.delete(step.id);
                  }}
                  aria-label={`${t('editLine')}: ${filled.text}`}
                  aria-expanded={isEditing}
                  aria-controls={isEditing ? fieldId : undefined}
                  onClick={() => (isEditing ? stopEditing(step.id) : startEditing(step.id, template))}
                >
                  {t('editLine')}
                </button>
                {own && (
                  <button
                    type="button"
                    className="button link small"
                    aria-label={`${t('restoreBuiltIn')}: ${filled.text}`}
                    onClick={() => void restore(step.id)}
                  >
                    {t('restoreBuiltIn')}
                  </button>
                )}
              </div>
              {feedback?.stepId === step.id && (
                <p className="status line-feedback" role="status">
                  {feedback.message}
                </p>
              )}
              {isEditing && (
                <form className="line-editor" id={fieldId} onSubmit={(event) => {
                    event.preventDefault();
                    void save(step.id);
                  }} noValidate>
                  <label htmlFor={`${fieldId}-text`}>{t('customLineLabel')}</label>
                  <textarea
                    id={`${fieldId}-text`}
                    rows={4}
                    value={draft}
                    // The editor opens on a click of Edit: the user means to type here now.
                    autoFocus
                    aria-invalid={draftError !== null}
                    aria-describedby={draftError !== null ? `${fieldId}-error ${fieldId}-hint` : `${fieldId}-hint`}
                    onChange={(e) => {
                      setDraft(e.target.value);
                      setDraftError(null);
                    }}
                    onKeyDown={onEditorKey}
                  />
                  {draftError !== null && (
                    <p className="error" role="alert" id={`${fieldId}-error`}>
                      {draftError}
                    </p>
                  )}
                  <p className="hint" id={`${fieldId}-hint`}>
                    {t('customLineHint', placeholderList)}
                  </p>
                  <div className="line-actions">
                    <button type="submit" className="button primary small">
                      {t('saveCustomLine')}
                    </button>
                    <button type="button" className="button secondary small" onClick={() => stopEditing(step.id)}>
                      {t('cancelEdit')}
                    </button>
                  </div>
                </form>
              )}
              {step.replies?.map((reply, i) => {
                const answer = parseTemplate(pick(reply.answer));
                const answerText = answer.ok
                  ? fillSegments(answer.value, values, (slot) => t('missingSlot', slotInLine(slot))).text
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
