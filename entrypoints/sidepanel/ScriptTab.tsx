import { Checklist } from '../../components/sidepanel/Checklist';
import { ScriptPanel } from '../../components/sidepanel/ScriptPanel';
import type { AgreementRecord } from '../../lib/db/schema';
import './script.css';

/** The "Script" tab, loaded when first opened: the panel opens on the notes. */
export default function ScriptTab({
  agreement,
  scope,
  sessionId,
}: {
  agreement: AgreementRecord | undefined;
  scope: string;
  /** The chat session the notes tab shows: the checklist's ticks belong to it. */
  sessionId: string | null;
}) {
  return (
    <>
      <ScriptPanel key={scope} agreement={agreement} scope={scope} />
      <Checklist key={`c-${sessionId ?? ''}`} sessionId={sessionId} />
    </>
  );
}
