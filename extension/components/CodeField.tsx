import type { Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import { normalizeOtpInput } from '../../shared/otp-input.ts';
import { joinDescribedBy } from './describedBy.ts';
import { isFocusMovingToButton } from './focus.ts';

/** Props of {@link CodeField}. */
export interface CodeFieldProps {
  /** Number of digits in a code, from the account limits. */
  digits: number;
  /** The code as typed, normalized unless an IME was still composing it. */
  value: string;
  onInput(value: string): void;
  /** Shows a message on an incomplete code too, after the user tried to confirm. */
  showErrors: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** Describes what is wrong with a normalized code, or returns null when nothing is yet. */
function findCodeProblem(code: string, digits: number, complete: boolean): string | null {
  if (/\D/.test(code)) return 'The code has digits only. Check for letters or other characters.';
  if (code.length > digits) return `The code has ${digits} digits, but this has ${code.length}.`;
  if (complete && code.length < digits) return `Enter all ${digits} digits from the email.`;
  return null;
}

/**
 * Renders the One-time code input. Pasted spaces, dashes and full-width digits
 * are cleaned up as they arrive, and leading zeros stay because the code is text.
 */
export function CodeField({ digits, value, onInput, showErrors, inputRef }: CodeFieldProps) {
  const id = useId();
  const [touched, setTouched] = useState(false);
  const error = findCodeProblem(normalizeOtpInput(value), digits, showErrors || (touched && value !== ''));

  const handleInput = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    // Rewriting the value while an IME composes would break the composition, so wait for compositionend.
    onInput((event as InputEvent).isComposing ? input.value : normalizeOtpInput(input.value));
  };

  return (
    <div class="dg-field">
      <label for={id}>One-time code</label>
      <p id={`${id}-hint`} class="dg-hint">
        The {digits}-digit code from the email.
      </p>
      <input
        id={id}
        ref={inputRef}
        class="dg-code-input"
        type="text"
        inputMode="numeric"
        autocomplete="one-time-code"
        autocapitalize="off"
        autocorrect="off"
        spellcheck={false}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={joinDescribedBy(`${id}-hint`, error && `${id}-error`)}
        onInput={handleInput}
        onCompositionEnd={(event) => onInput(normalizeOtpInput(event.currentTarget.value))}
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
