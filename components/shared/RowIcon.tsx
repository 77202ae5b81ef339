/**
 * The small pictures for a row's less frequent actions (calendar, edit, delete), so that all of a
 * row's buttons fit on one line of the 380 px popup in both languages. The button keeps its name
 * (aria-label) and a tooltip; the picture itself is hidden from screen readers.
 */
const PATHS = {
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v5M16 3v5',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  delete: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
} as const;

export function RowIcon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="row-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
