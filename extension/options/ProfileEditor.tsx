import { useState } from 'preact/hooks';
import { validateProfile, type ProfileIssue, type SiteProfileInput } from '../../shared/profile.ts';
import { testProfileOnTab, type ProfileTestResult } from './test-profile-on-tab.ts';

/** Props of {@link ProfileEditor}. */
export interface ProfileEditorProps {
  profile: SiteProfileInput;
  /** Validates and stores the edited JSON; returns the problems, or an empty list when stored. */
  onApply(text: string): Promise<ProfileIssue[]>;
  onRemove(): void;
}

function parseProfileText(text: string): ReturnType<typeof validateProfile> {
  try {
    return validateProfile(JSON.parse(text));
  } catch (error) {
    return { ok: false, issues: [{ path: '(JSON)', message: `The text is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

function parseIssues(text: string): ProfileIssue[] {
  const result = parseProfileText(text);
  return result.ok ? [] : result.issues;
}

/**
 * JSON editor for one profile. Problems are listed by field path (for example
 * `customer.id.name`) with the schema's message, as the user types.
 */
export function ProfileEditor({ profile, onApply, onRemove }: ProfileEditorProps) {
  const [text, setText] = useState(() => JSON.stringify(profile, null, 2));
  const [issues, setIssues] = useState<ProfileIssue[]>([]);
  const [test, setTest] = useState<ProfileTestResult | null>(null);

  const edit = (value: string) => {
    setText(value);
    setIssues(parseIssues(value));
  };

  const runTest = async () => {
    const result = parseProfileText(text);
    setIssues(result.ok ? [] : result.issues);
    if (result.ok) setTest(await testProfileOnTab(result.profile));
  };

  return (
    <div>
      <label for="profile-json">Profile (JSON)</label>
      <textarea id="profile-json" spellcheck={false} value={text} aria-invalid={issues.length > 0} aria-describedby="profile-issues" onInput={(event) => edit(event.currentTarget.value)} />
      <ul id="profile-issues" class="issues" aria-live="polite">
        {issues.map((issue) => (
          <li key={`${issue.path}-${issue.message}`}>
            <code>{issue.path}</code>: {issue.message}
          </li>
        ))}
      </ul>
      <button type="button" class="primary" onClick={() => void onApply(text).then(setIssues)}>Apply profile</button>
      <button type="button" onClick={() => void runTest()}>Test on open tab</button>
      <button type="button" onClick={onRemove}>Remove profile</button>
      {test && <p role="status" class={test.ok ? 'ok' : 'error'}>{test.message}</p>}
    </div>
  );
}
