import { html, layout } from './html.js';

/** One permission on the consent page. */
export interface ConsentScope {
  readonly scope: string;
  readonly description: string;
  /** Write permissions can be unticked; reads come with the connection. */
  readonly optional: boolean;
}

/** One tool the token reaches, with the permissions it needs. */
export interface ConsentTool {
  readonly name: string;
  readonly title: string;
  readonly scopes: readonly string[];
}

/**
 * The consent page: the collection, the client, who is signed in, every permission (write ones
 * as checkboxes) and every tool the token will reach.
 *
 * @example
 * consentPage({ action, csrf, collectionTitle: 'Agent Functions', clientName: 'Claude', account: 'sam@example.com', scopes, tools })
 */
export function consentPage(page: {
  action: string;
  csrf: string;
  collectionTitle: string;
  clientName: string;
  account: string;
  scopes: readonly ConsentScope[];
  tools: readonly ConsentTool[];
}): string {
  const scopeItems = page.scopes.map((s) =>
    s.optional
      ? html`<label class="scope"
          ><input type="checkbox" name="scope" value="${s.scope}" checked />
          <span>${s.description} <code>${s.scope}</code></span></label
        >`
      : html`<div class="scope">
          <span>✓</span> <span>${s.description} <code>${s.scope}</code></span>
        </div>`,
  );
  const toolItems = page.tools.map(
    (t) => html`<li><strong>${t.title}</strong> <code>${t.name}</code></li>`,
  );
  return layout(
    'Allow access',
    html`<h1>Allow ${page.clientName} to use ${page.collectionTitle}?</h1>
      <p class="muted">Signed in as ${page.account}.</p>
      <form method="post" action="${page.action}">
        <input type="hidden" name="csrf" value="${page.csrf}" />
        <fieldset>
          <legend>Permissions</legend>
          ${scopeItems}
        </fieldset>
        <p class="muted">Unticking a write permission removes the tools that need it.</p>
        <details open>
          <summary>
            ${String(page.tools.length)} tools ${page.clientName} will be able to call
          </summary>
          <ul>
            ${toolItems}
          </ul>
        </details>
        <button type="submit" name="decision" value="allow">Allow</button>
        <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
      </form>`,
  );
}
