import { Checklist } from '../../components/Checklist';
import { ScriptPanel } from '../../components/ScriptPanel';
import type { AgreementRecord } from '../../lib/db/schema';
import './script.css';

/** The "Script" tab, loaded when first opened: the panel opens on the notes. */
export default function ScriptTab({ agreement, scope }: { agreement: AgreementRecord | undefined; scope: string }) {
  return (
    <>
      <ScriptPanel key={scope} agreement={agreement} scope={scope} />
      <Checklist key={`c-${scope}`} scope={scope} />
    </>
  );
}
