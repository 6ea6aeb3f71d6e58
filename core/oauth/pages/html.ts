const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A piece of HTML that is already safe to insert (built by {@link html}). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/**
 * A tagged template that escapes every interpolated value unless it is {@link SafeHtml}; arrays
 * are joined. Every page is built with it, so nothing from a request reaches the page unescaped.
 *
 * @example
 * html`<p>Signed in as ${email}</p>`
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) {
      if (part === undefined || part === null || part === false) continue;
      out += part instanceof SafeHtml ? part.value : escapeHtml(String(part));
    }
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

const style = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.35rem;margin:0 0 1rem}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input[type=email],input[type=password]{width:100%;padding:.7rem;font-size:1rem;border:1px solid #b8bfcc;border-radius:.4rem}
button{width:100%;margin-top:1rem;padding:.8rem;font-size:1rem;border:0;border-radius:.4rem;background:#2456c8;color:#fff;cursor:pointer}
button.secondary{background:#e4e7ec;color:#1d2330}
.error{padding:.6rem .8rem;border-radius:.4rem;background:#fdecec;color:#8a1c1c}
.muted{color:#5b6474;font-size:.9rem}
ul{padding-left:1.2rem}
li{margin:.2rem 0}
fieldset{border:1px solid #d6dae2;border-radius:.4rem;margin:1rem 0;padding:.5rem .9rem}
.scope{display:flex;gap:.6rem;align-items:flex-start;margin:.4rem 0;font-weight:400}
code{font-size:.85rem;background:#f0f2f5;padding:0 .25rem;border-radius:.2rem}
main.wide{max-width:38rem}
.consent h1{margin-bottom:.25rem}
.consent h2{font-size:1rem;margin:1.1rem 0 .3rem;padding-bottom:.2rem;border-bottom:1px solid #e4e7ec}
.facts{list-style:none;padding:0;margin:.75rem 0}
.facts li{margin:.35rem 0}
.host{overflow-wrap:anywhere}
.badge,.mark{display:inline-block;font-size:.75rem;font-weight:600;line-height:1.4;padding:0 .4rem;border-radius:1rem}
.unverified{background:#fff1cc;color:#6b4a00}
.configured{background:#dcf3e3;color:#1d5c32}
.verified{background:#e2ecff;color:#1f3f8a}
.warning{padding:.6rem .8rem;border-radius:.4rem;background:#fdecec;color:#8a1c1c;border-left:4px solid #c62828}
.permissions{list-style:none;padding:0;margin:0}
.permission{margin:.45rem 0 .7rem}
.permission .scope{margin:0;font-weight:400}
.fixed,.permission input{flex:none;width:1.1rem;height:1.1rem;margin:.2rem 0 0;text-align:center;line-height:1.1rem}
.fixed{color:#1d5c32;font-weight:700}
.detail{margin-left:1.7rem}
.scope-name{font-size:.75rem;color:#5b6474;background:none;padding:0}
.tools{list-style:none;padding:0;margin:.2rem 0 0;display:flex;flex-wrap:wrap;gap:.3rem}
.tool{margin:0;display:inline-flex;align-items:center;gap:.25rem;max-width:100%;background:#f0f2f5;border-radius:.3rem;padding:.05rem .3rem}
.tool code{background:none;padding:0;font-size:.78rem;overflow-wrap:anywhere}
.mark{font-size:.68rem}
.mark.read{background:#e1ebfb;color:#1b3f8f}
.mark.write{background:#fff1cc;color:#6b4a00}
.actions{position:sticky;bottom:0;display:flex;gap:.75rem;margin:1rem -1.5rem -1.5rem;padding:.75rem 1.5rem max(.75rem,env(safe-area-inset-bottom));background:#fff;border-top:1px solid #e4e7ec;border-radius:0 0 .75rem .75rem}
.actions button{margin:0}
@media (max-width:30rem){main,main.wide{margin:0;border-radius:0;min-height:100vh}.actions{border-radius:0}}
`;

/**
 * The page frame: viewport for phones, one inline style sheet, no scripts. The referrer policy is
 * `same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null` with the
 * form's POST, which the server's Origin guard rightly refuses; `same-origin` still keeps the
 * interaction URL from the client the browser is sent back to.
 *
 * `wide` gives pages with more to read (the consent page) a wider column on large screens.
 *
 * @example
 * layout('Sign in', html`<form>…</form>`)
 */
export function layout(title: string, body: SafeHtml, options: { wide?: boolean } = {}): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(style)}
        </style>
      </head>
      <body>
        <main class="${options.wide === true ? 'wide' : ''}">${body}</main>
      </body>
    </html>`.value;
}
