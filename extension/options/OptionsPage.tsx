import { ConnectionForm } from './ConnectionForm.tsx';
import { ProfileSection } from './ProfileSection.tsx';

/** Renders the options page: API connection and support contact, then site profiles. */
export function OptionsPage() {
  return (
    <main>
      <h1>Delete Guard options</h1>
      <ConnectionForm />
      <ProfileSection />
    </main>
  );
}
