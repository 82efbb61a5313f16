/**
 * CSS for the deletion modal and the troubleshooting helper, to inject into the
 * shadow root that hosts them. Sizes are in px so the CRM page's root font size
 * cannot change them, and `.dg-root` resets inherited styles from the page.
 */
export const modalStyles = `
:host { all: initial; }

.dg-root, .dg-helper {
  all: initial;
  display: block;
  color: #1a1d21;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
.dg-root *, .dg-root *::before, .dg-root *::after,
.dg-helper *, .dg-helper *::before, .dg-helper *::after {
  box-sizing: border-box;
  font-family: inherit;
}

.dg-overlay {
  position: fixed;
  inset: 0;
  z-index: 2147483647;
  display: flex;
  align-items: flex-start;
  justify-content: center;
  padding: 8px;
  overflow-y: auto;
  background: rgba(15, 20, 25, 0.55);
}

.dg-dialog {
  width: 100%;
  max-width: 520px;
  margin: 24px 0;
  padding: 20px;
  border-radius: 10px;
  background: #ffffff;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
}
.dg-dialog:focus { outline: none; }
@media (max-width: 400px) {
  .dg-overlay { padding: 0; }
  .dg-dialog { margin: 0; padding: 14px; border-radius: 0; min-height: 100%; }
}

.dg-title { margin: 0 0 12px; font-size: 20px; line-height: 1.3; font-weight: 650; }
.dg-title:focus { outline: none; }
.dg-subheading { margin: 18px 0 6px; font-size: 16px; font-weight: 650; }
.dg-body, .dg-helper { display: flex; flex-direction: column; gap: 14px; }
.dg-body[hidden] { display: none; }
.dg-root p, .dg-helper p { margin: 0; }
.dg-root ol, .dg-root ul, .dg-helper ol, .dg-helper ul { margin: 0; padding-left: 22px; }

.dg-customers-single { font-weight: 600; overflow-wrap: anywhere; }
.dg-customers {
  max-height: 140px;
  overflow-y: auto;
  margin: 0;
  padding: 6px 10px 6px 28px;
  border: 1px solid #c9ced6;
  border-radius: 6px;
  overflow-wrap: anywhere;
}
.dg-customer-name { font-weight: 600; }
.dg-customer-id { color: #4a5260; font-size: 13px; }

.dg-field, .dg-fieldset { display: flex; flex-direction: column; gap: 4px; }
.dg-fieldset { gap: 14px; }
.dg-root label, .dg-helper label { font-weight: 600; font-size: 15px; }
.dg-instruction { font-size: 15px; }
.dg-word {
  padding: 1px 6px;
  border-radius: 4px;
  background: #f1f3f5;
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  letter-spacing: 1px;
}
.dg-hint { color: #4a5260; font-size: 13px; }

.dg-root input, .dg-root select, .dg-root textarea,
.dg-helper input, .dg-helper select, .dg-helper textarea {
  width: 100%;
  min-height: 40px;
  padding: 8px 10px;
  border: 1px solid #8a919c;
  border-radius: 6px;
  background: #ffffff;
  color: #1a1d21;
  /* 16px keeps phone browsers from zooming in when a field gets focus. */
  font-size: 16px;
  line-height: 1.3;
}
.dg-root textarea, .dg-helper textarea { resize: vertical; }
.dg-code-input { letter-spacing: 3px; font-variant-numeric: tabular-nums; }
.dg-root [aria-invalid="true"], .dg-helper [aria-invalid="true"] { border-color: #b3261e; border-width: 2px; }
.dg-field-error { color: #b3261e; font-size: 13px; font-weight: 600; }

.dg-button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 8px;
  min-height: 40px;
  padding: 8px 14px;
  border: 1px solid #8a919c;
  border-radius: 6px;
  background: #ffffff;
  color: #1a1d21;
  font-size: 15px;
  font-weight: 600;
  cursor: pointer;
}
.dg-button:hover:not(:disabled) { background: #f1f3f5; }
.dg-primary { border-color: #1f5fbf; background: #1f5fbf; color: #ffffff; }
.dg-primary:hover:not(:disabled) { background: #184c99; }
.dg-danger { border-color: #b3261e; background: #b3261e; color: #ffffff; }
.dg-danger:hover:not(:disabled) { background: #8f1e18; }
.dg-button:disabled { border-color: #c9ced6; background: #e9ecef; color: #5c6370; cursor: not-allowed; }
.dg-button[aria-disabled="true"] { cursor: progress; }
.dg-link-button {
  align-self: flex-start;
  padding: 4px 0;
  border: none;
  background: none;
  color: #1f5fbf;
  font-size: 15px;
  text-decoration: underline;
  cursor: pointer;
}
.dg-root a, .dg-helper a { color: #1f5fbf; }

.dg-root :focus-visible, .dg-helper :focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
/* Headings and the dialog take focus only from code, to move the reader, so they need no ring. */
.dg-root [tabindex="-1"]:focus, .dg-helper [tabindex="-1"]:focus { outline: none; }

.dg-actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 8px; }
.dg-send-row { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
.dg-countdown { color: #4a5260; font-size: 14px; font-variant-numeric: tabular-nums; }
.dg-send-status:empty, .dg-alert:empty { display: none; }
.dg-alert { padding: 8px 10px; border-left: 4px solid #b3261e; border-radius: 4px; background: #fdecea; color: #7a1712; }
.dg-warning { padding: 8px 10px; border-left: 4px solid #a15c00; border-radius: 4px; background: #fff4e0; }
.dg-success { padding: 8px 10px; border-left: 4px solid #1e7a34; border-radius: 4px; background: #e8f5eb; }
.dg-code-active { padding: 8px 10px; border-radius: 4px; background: #eef4fc; }
.dg-code-section { display: flex; flex-direction: column; gap: 8px; }

.dg-spinner {
  width: 14px;
  height: 14px;
  border: 2px solid currentColor;
  border-right-color: transparent;
  border-radius: 50%;
  animation: dg-spin 0.8s linear infinite;
}
@keyframes dg-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .dg-spinner { animation-duration: 2.4s; } }

.dg-helper-header { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; }
.dg-steps li + li { margin-top: 4px; }
.dg-copy-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 4px; }
.dg-subject-text {
  flex: 1 1 180px;
  padding: 6px 8px;
  border-radius: 4px;
  background: #f1f3f5;
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: 14px;
  overflow-wrap: anywhere;
  user-select: all;
}
.dg-deliveries { display: flex; flex-direction: column; gap: 8px; list-style: none; padding-left: 0 !important; }
.dg-delivery { padding: 8px 10px; border: 1px solid #c9ced6; border-radius: 6px; font-size: 14px; overflow-wrap: anywhere; }
.dg-delivery-failed { border-color: #b3261e; }
.dg-delivery-failed .dg-delivery-status { color: #b3261e; }
.dg-advice { display: flex; flex-direction: column; gap: 2px; margin-top: 6px; }
.dg-change-email { display: flex; flex-direction: column; gap: 8px; }
.dg-helper > .dg-button { align-self: flex-start; }

@media (forced-colors: active) {
  .dg-button, .dg-root input, .dg-root select, .dg-root textarea { border: 1px solid ButtonText; }
  .dg-alert, .dg-warning, .dg-success { border: 1px solid CanvasText; }
}
`;
