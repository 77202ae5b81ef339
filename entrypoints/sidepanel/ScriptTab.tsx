import { Checklist } from '../../components/sidepanel/Checklist';
import { ScriptPanel } from '../../components/sidepanel/ScriptPanel';
import type { AgreementRecord } from '../../lib/db/schema';
import './script.css';

/** The "Script" tab, loaded when first opened: the panel opens on the notes. */
export default function ScriptTab({
  agreement,
  scope,
  sessionId,
  scenario,
}: {
  agreement: AgreementRecord | undefined;
  scope: string;
  /** The chat session the notes tab shows: the checklist's ticks belong to it. */
  sessionId: string | null;
  /** A scenario to open on (asked for by the overdue advice); each new `seq` opens it again. */
  scenario: { id: string; seq: number } | null;
}) {
  return (
    <>
      <ScriptPanel key={`${scope}:${String(scenario?.seq ?? 0)}`} agreement={agreement} scope={scope} initialScenario={scenario?.id} />
      <Checklist key={`c-${sessionId ?? ''}`} sessionId={sessionId} />
    </>
  );
}
