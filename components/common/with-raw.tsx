// A translated sentence that quotes a raw technical text (an SSH or Docker error, as the host wrote it): the
// sentence in the reader's language, the quote kept as it is and marked as such.
const MARK = '\u0000';

/** `sentence` renders the template with MARK where the raw text goes, e.g. t(key, { message: RAW_MARK }). */
export const RAW_MARK = MARK;

export function WithRaw({ sentence, raw }: { sentence: string; raw: string }) {
  const [before, ...rest] = sentence.split(MARK);
  if (rest.length === 0) return <>{sentence}</>;
  return (
    <>
      {before}
      <code data-raw className="font-mono break-all">
        {raw}
      </code>
      {rest.join(raw)}
    </>
  );
}
