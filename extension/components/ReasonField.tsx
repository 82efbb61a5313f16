import type { Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import { joinDescribedBy } from './describedBy.ts';
import { isFocusMovingToButton } from './focus.ts';

/** Maximum note length the API accepts, in characters. */
const MAX_NOTE_LENGTH = 2000;

/** Props of {@link ReasonField}. */
export interface ReasonFieldProps {
  reasons: string[];
  /** The reason that needs a note, from the account settings. */
  otherReason: string;
  reason: string;
  note: string;
  onReasonChange(reason: string): void;
  onNoteChange(note: string): void;
  /** Shows messages on empty fields too, after the user tried to confirm. */
  showErrors: boolean;
  selectRef?: Ref<HTMLSelectElement>;
}

/** Checks whether the reason and note together are enough to send. */
export function isReasonComplete(reason: string, note: string, otherReason: string): boolean {
  if (!reason) return false;
  return reason !== otherReason || note.trim().length > 0;
}

/** Renders the Reason select and the Note textarea, which becomes required for the "other" reason. */
export function ReasonField(props: ReasonFieldProps) {
  const { reasons, otherReason, reason, note, showErrors } = props;
  const reasonId = useId();
  const noteId = useId();
  const [reasonTouched, setReasonTouched] = useState(false);
  const [noteTouched, setNoteTouched] = useState(false);

  const noteRequired = reason === otherReason;
  const reasonError = (showErrors || reasonTouched) && !reason ? 'Pick a reason.' : null;
  const noteError =
    noteRequired && (showErrors || noteTouched) && !note.trim() ? `Add a note that explains why you picked "${otherReason}".` : null;

  return (
    <div class="dg-fieldset">
      <div class="dg-field">
        <label for={reasonId}>Reason</label>
        <select
          id={reasonId}
          ref={props.selectRef}
          value={reason}
          required
          aria-invalid={reasonError ? 'true' : undefined}
          aria-describedby={joinDescribedBy(reasonError && `${reasonId}-error`)}
          onChange={(event) => props.onReasonChange(event.currentTarget.value)}
          onBlur={(event) => {
            if (!isFocusMovingToButton(event)) setReasonTouched(true);
          }}
        >
          <option value="">Choose a reason…</option>
          {reasons.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        {reasonError && (
          <p id={`${reasonId}-error`} class="dg-field-error">
            {reasonError}
          </p>
        )}
      </div>

      <div class="dg-field">
        <label for={noteId}>Note</label>
        <p id={`${noteId}-hint`} class="dg-hint">
          {noteRequired ? 'Required for this reason. Say briefly why the customer is being deleted.' : 'Optional.'}
        </p>
        <textarea
          id={noteId}
          value={note}
          rows={2}
          maxLength={MAX_NOTE_LENGTH}
          required={noteRequired}
          aria-invalid={noteError ? 'true' : undefined}
          aria-describedby={joinDescribedBy(`${noteId}-hint`, noteError && `${noteId}-error`)}
          onInput={(event) => props.onNoteChange(event.currentTarget.value)}
          onBlur={(event) => {
            if (!isFocusMovingToButton(event)) setNoteTouched(true);
          }}
        />
        {noteError && (
          <p id={`${noteId}-error`} class="dg-field-error">
            {noteError}
          </p>
        )}
      </div>
    </div>
  );
}
