import type { MailProvider } from '../../shared/provider.ts';
import { PROVIDER_STEPS } from './provider-steps.ts';

/** Renders the numbered places to look for a missing email, worded for the user's mail provider. */
export function ProviderSteps({ provider }: { provider: MailProvider }) {
  return (
    <ol class="dg-steps">
      {PROVIDER_STEPS[provider].map((step) => (
        <li key={step}>{step}</li>
      ))}
    </ol>
  );
}
