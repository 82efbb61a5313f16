import type { Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import { matchesConfirmation } from '../../shared/confirmation.ts';
import { joinDescribedBy } from './describedBy.ts';
import { isFocusMovingToButton } from './focus.ts';

/** Props of {@link ConfirmationField}. */
export interface ConfirmationFieldProps {
  /** The account's confirmation word, such as "DELETE". */
  word: string;
  value: string;
  onInput(value: string): void;
  /** Shows a message on an empty field too, after the user tried to confirm. */
  showErrors: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** Renders the "Type DELETE to confirm" instruction and its input, matched exactly and case-sensitively. */
export function ConfirmationField({ word, value, onInput, showErrors, inputRef }: ConfirmationFieldProps) {
  const id = useId();
  const [touched, setTouched] = useState(false);

  const matches = matchesConfirmation(value, word);
  let error: string | null = null;
  if (!matches && value.trim() !== '' && touched) {
    error = `This doesn't match "${word}" yet. Check the capital letters.`;
  } else if (!matches && showErrors) {
    error = value.trim() === '' ? `Type ${word} to confirm.` : `This doesn't match "${word}" yet. Check the capital letters.`;
  }

  return (
    <div class="dg-field">
      <p class="dg-instruction">
        Type{' '}
        <strong class="dg-word" translate={false}>
          {word}
        </strong>{' '}
        to confirm
      </p>
      <label for={id}>Confirmation word</label>
      <p id={`${id}-hint`} class="dg-hint">
        Case-sensitive: use the same capital and small letters as shown.
      </p>
      <input
        id={id}
        ref={inputRef}
        type="text"
        value={value}
        autocomplete="off"
        autocapitalize="off"
        autocorrect="off"
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={joinDescribedBy(`${id}-hint`, error && `${id}-error`)}
        onInput={(event) => onInput(event.currentTarget.value)}
        onBlur={(event) => {
          if (!isFocusMovingToButton(event)) setTouched(true);
        }}
      />
      {error && (
        <p id={`${id}-error`} class="dg-field-error">
          {error}
        </p>
      )}
    </div>
  );
}
