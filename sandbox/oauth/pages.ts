// The HTML the authorize endpoint shows: the sign-in + consent page and the error page.
// Self-contained (inline CSS under a CSP nonce, inline SVG, no scripts, no external assets;
// escaping and the sign-in fields from ../web/html.ts, shared with the console),
// readable at phone width, keyboard- and screen-reader-friendly.
import { ALERT_ICON, alertBlock, csrfField, escapeHtml, html, htmlDocument, LOGO_MARK, SafeHtml, signInFields } from '../web/html.js';
import { SCOPE_DESCRIPTIONS, type Scope } from './scopes.js';

export interface ConsentPageView {
  clientName: string;
  scopes: Scope[];
  csrfToken: string;
  /** Where the person returns after choosing, shown so a look-alike app is easier to spot. */
  returnHost: string;
  email?: string;
  error?: string;
}

export interface ErrorPageView {
  title: string;
  message: string;
}

export function renderConsentPage(view: ConsentPageView, nonce: string): string {
  const app = escapeHtml(view.clientName);
  const errorId = 'signin-error';
  const errorBlock = view.error ? alertBlock(errorId, view.error) : '';
  const permissions = view.scopes.map((scope) => `<li>${CHECK_ICON}<span>${escapeHtml(SCOPE_DESCRIPTIONS[scope])}</span></li>`).join('');

  const body = `
    <div class="connect" aria-hidden="true">
      <span class="avatar">${escapeHtml(initial(view.clientName))}</span>
      <span class="link"></span>
      <span class="avatar avatar-studio">${LOGO_MARK}</span>
    </div>
    <h1>Connect ${app} to your studio</h1>
    <p class="lead">${app} is asking for access to your studio. Sign in with your studio account to continue.</p>
    ${errorBlock}
    <form method="post" action="/oauth/authorize">
      ${csrfField(view.csrfToken)}${signInFields({ email: view.email, error: view.error, errorId })}
      <section class="permissions" aria-labelledby="permissions-title">
        <h2 id="permissions-title">${app} will be able to:</h2>
        <ul>${permissions}</ul>
      </section>
      <div class="actions">
        <button type="submit" name="decision" value="approve" class="primary">Approve</button>
        <button type="submit" name="decision" value="deny" class="secondary" formnovalidate>Deny</button>
      </div>
      <p class="note">Either way you’ll return to <strong>${escapeHtml(view.returnHost)}</strong>. Only approve apps you trust; you can disconnect ${app} at any time.</p>
    </form>`;
  return layout(`Connect ${view.clientName} · Studio`, body, nonce);
}

export function renderErrorPage(view: ErrorPageView, nonce: string): string {
  const body = `
    <div class="error-mark" aria-hidden="true">${ALERT_ICON}</div>
    <h1>${escapeHtml(view.title)}</h1>
    <p class="lead">${escapeHtml(view.message)}</p>
    <p class="note">Go back to the app you were connecting and start again. If this keeps happening, the app’s developer needs to check its OAuth settings.</p>`;
  return layout(`${view.title} · Studio`, body, nonce);
}

function initial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toUpperCase() : '?';
}

function layout(title: string, body: string, nonce: string): string {
  return htmlDocument(
    title,
    html`<style nonce="${nonce}">${new SafeHtml(STYLES)}</style>`,
    `<div class="page">
  <header class="brand">${LOGO_MARK}<span class="wordmark">Studio</span><span class="pill">Sandbox</span></header>
  <main class="card">${body}
  </main>
  <footer class="footer">Studio API sandbox · your data stays on this computer</footer>
</div>`,
  );
}

const CHECK_ICON = `<svg class="check" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
<circle cx="10" cy="10" r="10" fill="currentColor" opacity=".14"/>
<path d="M6 10.3l2.6 2.6L14.2 7.3" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const STYLES = `
:root{--ink:#181b21;--muted:#555d6b;--line:#dde1e8;--bg:#f3f4f7;--card:#fff;--primary:#2b4acb;--primary-hover:#213ba8;
--outline:#2b4acb;--ring:rgba(43,74,203,.18);--danger:#a4211b;--danger-bg:#fdeeed;--field:#fff;--check:#1b7f4d}
@media (prefers-color-scheme:dark){:root{--ink:#eef0f4;--muted:#a9b0bd;--line:#343a46;--bg:#111318;--card:#1b1e25;
--primary:#4361e0;--primary-hover:#3552d1;--outline:#8aa0f7;--ring:rgba(91,120,240,.3);--danger:#ffb4ad;--danger-bg:#3a1d1b;--field:#14161c;--check:#5fd39a}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{min-height:100vh;display:flex;flex-direction:column;align-items:center;padding:40px 16px 24px}
.brand{display:flex;align-items:center;gap:10px;margin-bottom:24px}
.wordmark{font-weight:700;font-size:20px;letter-spacing:-.01em}
.pill{font-size:12px;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:999px;padding:2px 10px}
.card{width:100%;max-width:440px;background:var(--card);border:1px solid var(--line);border-radius:16px;padding:32px;
box-shadow:0 1px 2px rgba(16,24,40,.04),0 12px 32px rgba(16,24,40,.08)}
.connect{display:flex;align-items:center;justify-content:center;gap:10px;margin-bottom:20px}
.avatar{width:48px;height:48px;border-radius:14px;display:grid;place-items:center;font-weight:700;font-size:22px;color:#fff;
background:linear-gradient(135deg,#ff7a45,#e8494f)}
.avatar-studio{background:none}.avatar-studio .logo{width:48px;height:48px}
.link{width:56px;border-top:2px dashed var(--line)}
h1{font-size:22px;line-height:1.3;margin:0 0 8px;text-align:center;letter-spacing:-.01em}
.lead{margin:0 0 24px;color:var(--muted);text-align:center}
.field{margin-bottom:16px}
label{display:block;font-weight:600;font-size:14px;margin-bottom:6px}
input[type=email],input[type=password]{width:100%;font:inherit;color:inherit;background:var(--field);border:1px solid var(--line);
border-radius:10px;padding:11px 12px;min-height:44px}
input:hover{border-color:var(--muted)}
input[aria-invalid=true]{border-color:var(--danger)}
input:focus-visible,button:focus-visible{outline:2px solid var(--outline);outline-offset:2px;box-shadow:0 0 0 5px var(--ring)}
.alert{display:flex;gap:10px;align-items:flex-start;background:var(--danger-bg);color:var(--danger);border-radius:10px;
padding:12px 14px;margin:0 0 20px;font-size:15px}
.alert p{margin:0}.alert-icon{flex:none;margin-top:2px}
.permissions{border-top:1px solid var(--line);margin-top:24px;padding-top:20px}
.permissions h2{font-size:15px;margin:0 0 12px}
.permissions ul{list-style:none;margin:0;padding:0;display:grid;gap:10px}
.permissions li{display:flex;gap:10px;align-items:flex-start;font-size:15px}
.check{flex:none;color:var(--check);margin-top:1px}
.actions{display:grid;gap:10px;margin-top:28px}
button{font:inherit;font-weight:600;border-radius:10px;min-height:46px;padding:10px 16px;cursor:pointer;border:1px solid transparent}
.primary{background:var(--primary);color:#fff}.primary:hover{background:var(--primary-hover)}
.secondary{background:transparent;color:var(--ink);border-color:var(--line)}.secondary:hover{border-color:var(--muted)}
.note{font-size:13px;color:var(--muted);margin:16px 0 0;text-align:center}
.error-mark{display:flex;justify-content:center;color:var(--danger);margin-bottom:12px}
.error-mark .alert-icon{width:40px;height:40px}
.footer{margin-top:24px;font-size:13px;color:var(--muted);text-align:center}
@media (max-width:480px){.page{padding:20px 12px}.card{padding:24px 18px;border-radius:14px}h1{font-size:20px}}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
`;
