// HTML for the sandbox's pages (the consent page in oauth/, the console in console/): output
// escaping, the `html` template that escapes everything it is not told is markup, and the
// pieces both pages show (the logo, the sign-in fields).
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Markup that is already safe: built by `html` (or one of the constants below). */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A template whose every interpolation is escaped unless it is SafeHtml (another `html`
 * result); arrays are joined; null, undefined and false render as nothing. So a contact named
 * `<script>` is text wherever it is shown, without each page remembering to escape it.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** A whole page: the head every sandbox page has (readable on a phone, light and dark, not indexed), its stylesheet, its body. */
export function htmlDocument(title: string, stylesheet: SafeHtml, body: SafeHtml | string): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${title}</title>
${stylesheet}
</head>
<body>
${typeof body === 'string' ? new SafeHtml(body) : body}
</body>
</html>`.text;
}

export const LOGO_MARK = new SafeHtml(`<svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
<rect width="32" height="32" rx="9" fill="#2b4acb"/>
<circle cx="16" cy="16" r="8.5" fill="none" stroke="#fff" stroke-width="2.4"/>
<circle cx="16" cy="16" r="3.2" fill="#fff"/>
<circle cx="24.5" cy="8" r="1.7" fill="#ffd27a"/>
</svg>`);

export const ALERT_ICON =
  new SafeHtml(`<svg class="alert-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
<circle cx="10" cy="10" r="9" fill="none" stroke="currentColor" stroke-width="2"/>
<path d="M10 5.5v5.5" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
<circle cx="10" cy="14.2" r="1.2" fill="currentColor"/>
</svg>`);

/** What a wrong email or password is told (never which of the two was wrong). */
export const SIGN_IN_MISMATCH = 'That email and password don’t match a Studio account. Check them and try again.';

/** The hidden field every form of the sandbox's pages carries. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="csrf_token" value="${token}">`;
}

/** An error shown above a form, announced to screen readers. */
export function alertBlock(id: string, message: string): SafeHtml {
  return html`<div class="alert" role="alert" id="${id}">${ALERT_ICON}<p>${message}</p></div>`;
}

/**
 * The email and password fields of a studio sign-in (the consent page and the console): the
 * email is kept after a mistake, the field to fix gets the focus, and both are marked invalid.
 */
export function signInFields(view: { email?: string; error?: string; errorId: string }): SafeHtml {
  const invalid = view.error ? new SafeHtml(` aria-invalid="true" aria-describedby="${escapeHtml(view.errorId)}"`) : '';
  return html`
      <div class="field">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" inputmode="email" spellcheck="false"
          autocapitalize="off" required value="${view.email ?? ''}"${invalid}${view.error ? '' : new SafeHtml(' autofocus')}>
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${view.error ? new SafeHtml(' autofocus') : ''}>
      </div>`;
}
