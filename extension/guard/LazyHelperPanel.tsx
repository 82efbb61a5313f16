import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { HelperPanelScript } from '../components/helper-panel.ts';
import type { TroubleshootingHelperProps } from '../components/TroubleshootingHelper.tsx';
import { loadHelperPanel } from './load-helper-panel.ts';

/**
 * Shows the troubleshooting helper in the deletion modal, loading its script
 * the first time it opens. Until then it shows a loading line. If the script
 * cannot be injected, it shows the reason and a button back to the form.
 */
export function LazyHelperPanel(props: TroubleshootingHelperProps) {
  const slotRef = useRef<HTMLDivElement>(null);
  const scriptRef = useRef<HelperPanelScript | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [state, setState] = useState<{ phase: 'loading' | 'ready' } | { phase: 'error'; message: string }>({ phase: 'loading' });

  useEffect(() => {
    let cancelled = false;
    loadHelperPanel().then(
      (script) => {
        if (cancelled) return;
        scriptRef.current = script;
        setState({ phase: 'ready' });
      },
      (error: unknown) => {
        if (!cancelled) setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
      const slot = slotRef.current;
      if (scriptRef.current && slot) scriptRef.current.mount(slot, propsRef.current)();
    };
  }, []);

  // The helper lives in its own Preact tree, so each render passes the new props on to it.
  useLayoutEffect(() => {
    if (scriptRef.current && slotRef.current) scriptRef.current.mount(slotRef.current, props);
  });

  if (state.phase === 'error') {
    return (
      <div class="dg-helper">
        <p role="alert" class="dg-alert">
          Delete Guard could not open the troubleshooting steps ({state.message}). Reload the page and try again.
        </p>
        <button type="button" class="dg-button" onClick={props.onClose}>
          {props.closeLabel ?? 'Close'}
        </button>
      </div>
    );
  }
  // The slot has no children of this tree, because the helper's own Preact renders into it.
  return (
    <>
      {state.phase === 'loading' && (
        <p role="status" class="dg-helper">
          Loading the troubleshooting steps…
        </p>
      )}
      <div ref={slotRef} />
    </>
  );
}
