// The console's one stylesheet, served from the sandbox (/console/style.css) so the pages'
// Content-Security-Policy can be `style-src 'self'`: no inline style anywhere. Plain CSS,
// light and dark, readable at phone width; the palette is the consent page's.
export const CONSOLE_CSS = `
:root{--ink:#181b21;--muted:#555d6b;--line:#dde1e8;--bg:#f3f4f7;--card:#fff;--primary:#2b4acb;--primary-hover:#213ba8;
--outline:#2b4acb;--danger:#a4211b;--danger-bg:#fdeeed;--ok:#1b7f4d;--ok-bg:#e7f6ee;--warn:#8a5a00;--warn-bg:#fff4dc;--field:#fff;--head:#f7f8fa}
@media (prefers-color-scheme:dark){:root{--ink:#eef0f4;--muted:#a9b0bd;--line:#343a46;--bg:#111318;--card:#1b1e25;
--primary:#4361e0;--primary-hover:#3552d1;--outline:#8aa0f7;--danger:#ffb4ad;--danger-bg:#3a1d1b;--ok:#5fd39a;--ok-bg:#15301f;--warn:#ffd27a;--warn-bg:#332a12;--field:#14161c;--head:#20242c}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--primary)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:2px solid var(--outline);outline-offset:2px}
.top{background:var(--card);border-bottom:1px solid var(--line)}
.top-inner{max-width:1180px;margin:0 auto;padding:10px 20px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px}
.brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:17px;color:var(--ink);text-decoration:none}
.pill{font-size:12px;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:999px;padding:1px 9px}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:4px;margin:0;padding:0}
nav a{display:block;padding:6px 12px;border-radius:8px;text-decoration:none;color:var(--ink);font-weight:500}
nav a:hover{background:var(--bg)}
nav a[aria-current=page]{background:var(--primary);color:#fff}
.who{margin-left:auto;display:flex;align-items:center;gap:10px;color:var(--muted);font-size:14px;min-width:0}
.who span{max-width:180px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
main{max-width:1180px;margin:0 auto;padding:24px 20px 40px}
h1{font-size:24px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:18px;margin:0}
h3{font-size:14px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:20px 0 8px}
.lead{color:var(--muted);margin:0 0 20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 20px;margin-bottom:18px}
.card-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 12px}
.meta{color:var(--muted);font-size:14px}
.mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.mono{overflow-wrap:anywhere}
.problems{margin:6px 0 0;padding-left:20px}.problems a{color:inherit;font-weight:600}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:8px 24px}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--head);font-weight:600;color:var(--muted);font-size:13px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:600}
.nowrap{white-space:nowrap}
tr.rounding td{color:var(--warn);font-style:italic}
.table-wrap{overflow-x:auto}
.badge{display:inline-block;font-size:12px;font-weight:600;border-radius:999px;padding:1px 9px;background:var(--bg);border:1px solid var(--line);white-space:nowrap}
.badge.ok{background:var(--ok-bg);color:var(--ok);border-color:transparent}
.badge.warn{background:var(--warn-bg);color:var(--warn);border-color:transparent}
.badge.bad{background:var(--danger-bg);color:var(--danger);border-color:transparent}
.empty{color:var(--muted);font-style:italic;margin:4px 0}
.check{font-weight:700;border-radius:10px;padding:10px 14px;margin:12px 0}
.check.ok{background:var(--ok-bg);color:var(--ok)}
.check.bad{background:var(--danger-bg);color:var(--danger)}
.check.none{background:var(--bg);color:var(--muted)}
.flash{border-radius:10px;padding:12px 14px;margin:0 0 18px;font-weight:500}
.flash.done{background:var(--ok-bg);color:var(--ok)}
.flash.error,.alert{background:var(--danger-bg);color:var(--danger)}
.alert{display:flex;gap:10px;align-items:flex-start;border-radius:10px;padding:12px 14px;margin:0 0 16px}
.alert p{margin:0}.alert-icon{flex:none;margin-top:2px}
form.inline{display:inline-flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0}
label{font-weight:600;font-size:13px}
.field{display:flex;flex-direction:column;gap:4px;margin-bottom:10px}
input,select{font:inherit;color:inherit;background:var(--field);border:1px solid var(--line);border-radius:8px;padding:6px 9px;min-height:34px}
input[aria-invalid=true]{border-color:var(--danger);box-shadow:0 0 0 1px var(--danger)}
input[type=number]{width:90px}
input.amount{width:110px}
button{white-space:nowrap;font:inherit;font-weight:600;border-radius:8px;min-height:34px;padding:5px 14px;cursor:pointer;border:1px solid transparent;background:var(--primary);color:#fff}
button:hover{background:var(--primary-hover)}
button.secondary{background:transparent;color:var(--ink);border-color:var(--line)}
button.secondary:hover{border-color:var(--muted)}
fieldset{border:1px solid var(--line);border-radius:10px;padding:10px 14px 4px;margin:0 0 12px}
legend{font-weight:600;padding:0 6px}
.form-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:0 14px}
.lines td{padding:4px 6px;border:0}
.lines input{width:100%}
.lines td:first-child{width:46%}
.note{color:var(--muted);font-size:13px;margin:6px 0 0}
.signin{max-width:420px;margin:40px auto}
.signin input{width:100%;min-height:42px}
.signin button{width:100%;min-height:44px;margin-top:8px}
.signin .field{margin-bottom:14px}
.footer{max-width:1180px;margin:0 auto;padding:0 20px 30px;color:var(--muted);font-size:13px}
@media (min-width:1000px){.top-inner{flex-wrap:nowrap}.brand,nav{flex:none}}
@media (max-width:640px){main{padding:16px 12px}.card{padding:14px}.who{margin-left:0}}
`;
