import { useRef, useState } from 'preact/hooks';

/** Renders the exact subject of the code email with a button that copies it for the mailbox search. */
export function SubjectLine({ subject }: { subject: string }) {
  const textRef = useRef<HTMLElement>(null);
  const [result, setResult] = useState('');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(subject);
      setResult('Subject line copied. Paste it into your mailbox search.');
    } catch {
      // Some pages block the clipboard; selecting the text still lets the user copy by hand.
      const text = textRef.current;
      if (text) window.getSelection()?.selectAllChildren(text);
      setResult("Copying isn't allowed on this page, so the subject is selected instead. Press Ctrl+C (or Cmd+C on a Mac).");
    }
  };

  return (
    <div class="dg-subject">
      <p>Search your mailbox for this exact subject line:</p>
      <div class="dg-copy-row">
        <code ref={textRef} class="dg-subject-text">
          {subject}
        </code>
        <button type="button" class="dg-button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" class="dg-hint">
        {result}
      </p>
    </div>
  );
}
