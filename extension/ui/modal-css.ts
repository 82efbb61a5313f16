/**
 * Styles of the modal's shadow root. Sizes are in px because rem would follow
 * the page's root font size.
 */
export const MODAL_CSS = `
.dg-backdrop { position: fixed; inset: 0; z-index: 2147483646; display: flex; align-items: flex-start; justify-content: center;
  padding: 48px 16px; box-sizing: border-box; overflow-y: auto; background: rgba(16, 24, 40, 0.45);
  font: 14px/20px system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2939; }
.dg-dialog { width: 100%; max-width: 480px; box-sizing: border-box; padding: 20px 24px; border-radius: 10px; background: #fff;
  box-shadow: 0 16px 48px rgba(16, 24, 40, 0.3); }
.dg-dialog h2 { margin: 0 0 12px; font-size: 18px; line-height: 24px; }
.dg-dialog label { display: block; margin: 12px 0 4px; font-weight: 600; }
.dg-dialog input, .dg-dialog select, .dg-dialog textarea { width: 100%; box-sizing: border-box; padding: 6px 8px; font: inherit;
  border: 1px solid #98a2b3; border-radius: 6px; }
.dg-dialog button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #98a2b3; background: #fff; cursor: pointer; }
.dg-dialog button.dg-danger { background: #b42318; border-color: #b42318; color: #fff; }
.dg-dialog button:disabled { opacity: 0.5; cursor: default; }
.dg-actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 16px; }
.dg-error { color: #b42318; margin: 8px 0 0; }
`;
