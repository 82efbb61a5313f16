import { useEffect, useState } from 'preact/hooks';
import { validateProfile, type ProfileIssue, type SiteProfileInput } from '../../shared/profile.ts';
import { BUNDLED_PROFILES, profilesItem } from '../lib/profile-store.ts';
import { ProfileEditor } from './ProfileEditor.tsx';

const NEW_PROFILE: SiteProfileInput = {
  id: 'my-crm',
  name: 'My CRM',
  matches: ['https://crm.example.com/*'],
  deleteControl: '[aria-label="Delete"]',
  customer: { row: { mode: 'closest', row: 'tr' }, id: { from: 'attribute', name: 'data-id' }, name: { from: 'row', selector: 'td' } },
};

/** Renders the list of site profiles and an editor for the selected one. */
export function ProfileSection() {
  const [profiles, setProfiles] = useState<SiteProfileInput[]>([]);
  const [selected, setSelected] = useState(0);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void profilesItem.getValue().then((saved) => setProfiles(saved ?? BUNDLED_PROFILES));
  }, []);

  const store = async (next: SiteProfileInput[], message: string) => {
    await profilesItem.setValue(next);
    setProfiles(next);
    setStatus(message);
  };

  const apply = async (text: string): Promise<ProfileIssue[]> => {
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      return [{ path: '(JSON)', message: `The text is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }];
    }
    const result = validateProfile(input);
    if (!result.ok) return result.issues;
    const duplicate = profiles.findIndex((profile, index) => profile.id === result.profile.id && index !== selected);
    if (duplicate !== -1) return [{ path: 'id', message: `Another profile already has the id "${result.profile.id}".` }];
    const next = profiles.map((profile, index) => (index === selected ? (input as SiteProfileInput) : profile));
    await store(next, `Profile "${result.profile.name}" saved. Open tabs use it from their next delete.`);
    return [];
  };

  const add = () => {
    const next = [...profiles, { ...NEW_PROFILE, id: `my-crm-${profiles.length + 1}` }];
    void store(next, 'Added a new profile. Edit it, then click Apply profile.');
    setSelected(next.length - 1);
  };

  const remove = () => {
    const next = profiles.filter((_, index) => index !== selected);
    void store(next, 'Profile removed.');
    setSelected(0);
  };

  const reset = () => {
    void store(BUNDLED_PROFILES, 'Profiles reset to the ones shipped with Delete Guard.');
    setSelected(0);
  };

  const current = profiles[selected];
  return (
    <section aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">Site profiles</h2>
      <p class="hint">A profile tells Delete Guard where a CRM's delete controls are and how to read the customer. The first matching profile wins.</p>
      <ul class="profiles">
        {profiles.map((profile, index) => (
          <li key={`${profile.id}-${index}`}>
            <button type="button" aria-pressed={index === selected} onClick={() => setSelected(index)}>{profile.name}</button>
            <span class="hint">{profile.matches.join(', ')}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={add}>Add profile</button>
      <button type="button" onClick={reset}>Reset to shipped profiles</button>
      {status && <p role="status" class="ok">{status}</p>}
      {current && <ProfileEditor key={`${selected}-${current.id}`} profile={current} onApply={apply} onRemove={remove} />}
    </section>
  );
}
