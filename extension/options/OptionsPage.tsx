import { ConnectionForm } from './ConnectionForm.tsx';
import { ProfileSection } from './ProfileSection.tsx';
import { RecentDeletions } from './RecentDeletions.tsx';

/** Renders the options page: API connection and support contact, recent deletions, then site profiles. */
export function OptionsPage() {
  return (
    <main>
      <h1>Delete Guard options</h1>
      <ConnectionForm />
      <RecentDeletions />
      <ProfileSection />
    </main>
  );
}
