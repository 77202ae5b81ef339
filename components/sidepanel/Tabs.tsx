import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Tab {
  id: string;
  label: string;
  panel: ReactNode;
}

/**
 * Tabs as assistive technology expects them: arrow keys move between tabs, one tab stop. `select`
 * switches to a tab from outside (the overdue advice opening the panel on its script); a new
 * `select.seq` switches again to the same tab.
 */
export function Tabs({ tabs, select }: { tabs: Tab[]; select?: { id: string; seq: number } | null }) {
  const [active, setActive] = useState(select?.id ?? tabs[0]?.id ?? '');
  const [selected, setSelected] = useState(select);
  if (select && select !== selected) {
    setSelected(select);
    setActive(select.id);
  }
  const base = useId();
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === active);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 || index < 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    setActive(next.id);
    refs.current.get(next.id)?.focus();
  };

  return (
    <div className="tabs">
      <div role="tablist" className="tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
            }}
            type="button"
            role="tab"
            id={`${base}-${tab.id}-tab`}
            aria-selected={tab.id === active}
            aria-controls={`${base}-${tab.id}-panel`}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => setActive(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-${tab.id}-panel`}
          aria-labelledby={`${base}-${tab.id}-tab`}
          hidden={tab.id !== active}
          className="tabpanel"
        >
          {tab.id === active && tab.panel}
        </div>
      ))}
    </div>
  );
}
