import { useEffect, useState } from 'react';
import { t, uiLanguage } from '../../lib/i18n';
import { CHECKLIST } from '../../lib/negotiation/scenarios';
import { loadTicks, saveTicks, sessionChecklistScope } from '../../lib/negotiation/ticks';

/** Do's and don'ts beside the script, ticked off during the talk and saved with its chat session. */
export function Checklist({ sessionId }: { sessionId: string | null }) {
  const scope = sessionId === null ? null : sessionChecklistScope(sessionId);
  const [ticks, setTicks] = useState<string[]>([]);
  // Not tickable until the session's ticks are read: a tick given before would be overwritten by them.
  const [loaded, setLoaded] = useState(false);
  const zh = uiLanguage() === 'zh-CN';

  useEffect(() => {
    if (scope === null) return;
    let live = true;
    loadTicks(scope).then(
      (stored) => {
        if (!live) return;
        setTicks(stored);
        setLoaded(true);
      },
      () => {
        if (!live) return;
        setTicks([]);
        setLoaded(true);
      },
    );
    return () => {
      live = false;
    };
  }, [scope]);

  const toggle = (id: string, on: boolean) => {
    if (scope === null || !loaded) return;
    const next = on ? [...ticks, id] : ticks.filter((x) => x !== id);
    setTicks(next);
    saveTicks(scope, next).catch(() => undefined);
  };

  return (
    <fieldset className="checklist">
      <legend>{t('checklistTitle')}</legend>
      {scope === null && <p className="tip">{t('checklistWaiting')}</p>}
      {CHECKLIST.map((item) => (
        <label key={item.id} className={`check ${item.kind}`}>
          <input type="checkbox" disabled={scope === null || !loaded} checked={ticks.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />
          <span>{zh ? item.text.zh : item.text.en}</span>
        </label>
      ))}
    </fieldset>
  );
}
