import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { LockNowButton } from '../../components/shared/LockGate';
import { NotesEditor } from '../../components/sidepanel/NotesEditor';
import { Tabs } from '../../components/sidepanel/Tabs';
import { PANEL_AGREEMENT_KEY, PANEL_SCRIPT_KEY } from '../../lib/browser/side-panel';
import { listAgreements } from '../../lib/db/agreements';
import { GENERAL_NOTES_ID } from '../../lib/db/notes';
import type { AgreementRecord } from '../../lib/db/schema';
import { t } from '../../lib/i18n';
import { kindLabel, shortDate } from '../../lib/i18n/labels';

// The script and checklist (with every scenario's text) load when their tab is first opened.
const ScriptTab = lazy(() => import('./ScriptTab'));

export function App() {
  const [agreements, setAgreements] = useState<AgreementRecord[]>([]);
  const [selected, setSelected] = useState<string>(GENERAL_NOTES_ID);
  // "The new agreement replaces the one with …": said after the chat moved to the new agreement, until another is picked.
  const [replacedNotice, setReplacedNotice] = useState<string | null>(null);
  /** The chat session the notes tab shows; the script tab's checklist is saved with it. */
  const [sessionId, setSessionId] = useState<string | null>(null);
  // The session view waits for the agreements, so a new session takes the picked agreement's lender.
  const [ready, setReady] = useState(false);
  const pickerId = useId();
  /** A script asked for by the overdue advice: the script tab opens on it (see PANEL_SCRIPT_KEY). */
  const [scriptAsked, setScriptAsked] = useState<{ id: string; seq: number; scenario: string } | null>(null);
  const askScript = (value: unknown) => {
    if (typeof value !== 'string' || value === '') return;
    setScriptAsked((before) => ({ id: 'script', seq: (before?.seq ?? 0) + 1, scenario: value }));
    // Once shown it is spent: the next ordinary opening starts on the notes again.
    void browser.storage.local.remove(PANEL_SCRIPT_KEY);
  };

  useEffect(() => {
    const load = async () => {
      const [list, stored] = await Promise.all([
        listAgreements(),
        browser.storage.local.get([PANEL_AGREEMENT_KEY, PANEL_SCRIPT_KEY]),
      ]);
      setAgreements(list);
      const wanted = stored[PANEL_AGREEMENT_KEY];
      if (typeof wanted === 'string' && list.some((a) => a.id === wanted)) setSelected(wanted);
      askScript(stored[PANEL_SCRIPT_KEY]);
      setReady(true);
    };
    void load();
    // The popup may pick another agreement while the panel is already open.
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local') askScript(changes[PANEL_SCRIPT_KEY]?.newValue);
      const change = area === 'local' ? changes[PANEL_AGREEMENT_KEY] : undefined;
      if (!change) return;
      const wanted = change.newValue;
      void listAgreements().then((list) => {
        setAgreements(list);
        setSelected(typeof wanted === 'string' && list.some((a) => a.id === wanted) ? wanted : GENERAL_NOTES_ID);
      });
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  return (
    <main className="panel-main">
      <header className="app-header">
        <h1>{t('panelTitle')}</h1>
        <LockNowButton />
      </header>
      <p className="tip">{t('panelTip')}</p>
      <div className="field">
        <label htmlFor={pickerId}>{t('panelAbout')}</label>
        <select
          id={pickerId}
          value={selected}
          onChange={(e) => {
            setReplacedNotice(null);
            setSelected(e.target.value);
          }}
        >
          <option value={GENERAL_NOTES_ID}>{t('panelGeneral')}</option>
          {agreements.map((a) => (
            <option key={a.id} value={a.id}>
              {`${a.lender} · ${kindLabel(a.kind)} · ${shortDate(a.dueDate)}`}
            </option>
          ))}
        </select>
      </div>
      {replacedNotice && (
        <p className="save-state replaced-notice" role="status">
          {replacedNotice}
        </p>
      )}
      <Tabs
        select={scriptAsked}
        tabs={[
          { id: 'notes', label: t('tabNotes'), panel: !ready ? null : (
            <NotesEditor
              key={selected}
              scope={selected}
              agreement={agreements.find((a) => a.id === selected)}
              onSession={setSessionId}
              onAgreementCreated={(record) => {
                const before = selected;
                void listAgreements().then((list) => {
                  const replaced = list.find((a) => a.id === before && a.replacedBy === record.id);
                  setReplacedNotice(replaced ? t('sessionReplaced', replaced.lender) : null);
                  setAgreements(list);
                  setSelected(record.id);
                });
              }}
            />
          ),
        },
          {
            id: 'script',
            label: t('tabScript'),
            panel: (
              <Suspense fallback={<p className="tip">…</p>}>
                <ScriptTab
                  agreement={agreements.find((a) => a.id === selected)}
                  scope={selected}
                  sessionId={sessionId}
                  scenario={scriptAsked ? { id: scriptAsked.scenario, seq: scriptAsked.seq } : null}
                />
              </Suspense>
            ),
          },
        ]}
      />
      <p className="disclaimer">{t('notLegalAdvice')}</p>
    </main>
  );
}
