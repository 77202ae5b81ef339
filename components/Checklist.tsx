import { useEffect, useState } from 'react';
import { t, uiLanguage } from '../lib/i18n';
import { CHECKLIST } from '../lib/negotiation/scenarios';
import { loadTicks, saveTicks } from '../lib/negotiation/ticks';

/** Do's and don'ts beside the script, ticked off during the talk and remembered. */
export function Checklist({ scope }: { scope: string }) {
  const [ticks, setTicks] = useState<string[]>([]);
  const zh = uiLanguage() === 'zh-CN';

  useEffect(() => {
    let live = true;
    loadTicks(scope).then(
      (stored) => live && setTicks(stored),
      () => live && setTicks([]),
    );
    return () => {
      live = false;
    };
  }, [scope]);

  const toggle = (id: string, on: boolean) => {
    const next = on ? [...ticks, id] : ticks.filter((x) => x !== id);
    setTicks(next);
    saveTicks(scope, next).catch(() => undefined);
  };

  return (
    <fieldset className="checklist">
      <legend>{t('checklistTitle')}</legend>
      {CHECKLIST.map((item) => (
        <label key={item.id} className={`check ${item.kind}`}>
          <input type="checkbox" checked={ticks.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />
          <span>{zh ? item.text.zh : item.text.en}</span>
        </label>
      ))}
    </fieldset>
  );
}
