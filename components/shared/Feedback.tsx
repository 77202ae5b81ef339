/**
 * What a page says after an action: a failure as an alert (read out at once), and an outcome in a
 * live status line that is always present, so screen readers announce each new message.
 */
export function Feedback({ failure, status }: { failure: string | null; status: string | null }) {
  return (
    <>
      {failure && (
        <p className="banner error" role="alert">
          {failure}
        </p>
      )}
      <p className="status" role="status">
        {status}
      </p>
    </>
  );
}
