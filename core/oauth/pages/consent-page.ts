import type { ConsentArea, ConsentPermission } from '../consent-permissions.js';
import { html, layout, type SafeHtml } from './html.js';

/** Who asks, as far as the server can tell, and where the code goes. */
export interface ConsentClient {
  /** The name the client gave, or the one an administrator configured. */
  readonly name: string;
  /** The host of the redirect URI the code is sent to (`claude.ai`, `127.0.0.1`). */
  readonly redirectHost: string;
  /** True when the redirect URI is on this computer (a desktop app's loopback listener). */
  readonly loopback: boolean;
  /** True when the client registered itself (RFC 7591) rather than being set up by an administrator. */
  readonly selfRegistered: boolean;
  /**
   * For a client identified by its metadata document's https URL (CIMD): that URL's host, which
   * vouches for the client's name and redirect URIs.
   */
  readonly verifiedDomain?: string | undefined;
  /** The well-known assistant a self-registered client's name imitates while its host is not that assistant's. */
  readonly imitates?: { readonly name: string; readonly hosts: readonly string[] } | undefined;
}

/** `a or b`, `a, b or c`. */
const or = new Intl.ListFormat('en-GB', { type: 'disjunction' });

function clientFacts(client: ConsentClient): SafeHtml {
  const where = client.loopback
    ? html`<strong class="host">${client.redirectHost}</strong> (an app on this computer)`
    : html`<strong class="host">${client.redirectHost}</strong>`;
  const who =
    client.verifiedDomain !== undefined
      ? html`<span class="badge verified">Verified domain</span> ${client.name} is published by
          <strong class="host">${client.verifiedDomain}</strong>; no administrator has checked it.`
      : client.selfRegistered
        ? html`<span class="badge unverified">Unverified</span> ${client.name} registered itself; no
            administrator has checked it.`
        : html`<span class="badge configured">Configured</span> Set up by your service desk's
            administrator.`;
  const from =
    client.verifiedDomain === undefined
      ? html`this request sends you to ${client.redirectHost}`
      : html`this one is published by ${client.verifiedDomain}`;
  const imitates = client.imitates;
  const warning =
    imitates === undefined
      ? ''
      : html`<p class="warning" role="alert">
          <strong>This may not be ${imitates.name}.</strong> It calls itself “${client.name}”, but
          ${imitates.name} signs in through ${or.format(imitates.hosts)}, and ${from}. Deny unless
          you set this connection up yourself.
        </p>`;
  return html`<ul class="facts">
      <li class="client-kind">${who}</li>
      <li class="redirect">Sends the sign-in code to ${where}</li>
    </ul>
    ${warning}`;
}

/** A tool name that may break after its underscores on a narrow screen, not inside a word. */
function breakable(name: string): SafeHtml {
  return html`${name.split('_').map((part, i) => (i === 0 ? part : html`_<wbr />${part}`))}`;
}

function permissionItem(p: ConsentPermission): SafeHtml {
  const choice = p.optional
    ? html`<label class="scope"
        ><input type="checkbox" name="scope" value="${p.scope}" checked />
        <span>${p.description}</span></label
      >`
    : html`<div class="scope">
        <span class="fixed" title="Comes with the connection">✓</span>
        <span>${p.description}</span>
      </div>`;
  const tools = p.tools.map(
    (t) =>
      html`<li class="tool" data-tool="${t.name}" title="${t.title}">
        <code>${breakable(t.name)}</code
        ><span class="mark ${t.write ? 'write' : 'read'}">${t.write ? 'write' : 'read'}</span>
      </li>`,
  );
  return html`<li class="permission" data-scope="${p.scope}">
    ${choice}
    <div class="detail">
      <code class="scope-name">${p.scope}</code>
      ${
        tools.length === 0
          ? ''
          : html`<ul class="tools">
              ${tools}
            </ul>`
      }
    </div>
  </li>`;
}

/**
 * The consent page: who asks (self-registered or configured, where the code goes, a warning when
 * the name imitates a well-known assistant), the permissions grouped by area with the tools each
 * enables marked read or write, and Deny and Allow in a bar that stays on screen (no script: a
 * sticky footer). Deny comes first, as the form's default button.
 *
 * @example
 * consentPage({ action, csrf, collectionTitle: 'Agent Functions', account: 'sam@example.com', client, areas })
 */
export function consentPage(page: {
  action: string;
  csrf: string;
  collectionTitle: string;
  account: string;
  client: ConsentClient;
  areas: readonly ConsentArea[];
}): string {
  const anyOptional = page.areas.some((a) => a.permissions.some((p) => p.optional));
  // A warned page makes Deny the prominent button.
  const warned = page.client.imitates !== undefined;
  const sections = page.areas.map(
    (area) =>
      html`<section class="area">
        <h2>${area.heading}</h2>
        <ul class="permissions">
          ${area.permissions.map(permissionItem)}
        </ul>
      </section>`,
  );
  return layout(
    'Allow access',
    html`<form method="post" action="${page.action}" class="consent">
      <input type="hidden" name="csrf" value="${page.csrf}" />
      <h1>Allow ${page.client.name} to use ${page.collectionTitle}?</h1>
      <p class="muted">Signed in as ${page.account}.</p>
      ${clientFacts(page.client)}
      <p class="muted">
        Permissions marked ✓ come with the connection.
        ${
          anyOptional
            ? 'You can untick the others, which let it change data; the tools that need them are then left out.'
            : ''
        }
      </p>
      ${sections}
      <div class="actions">
        <button type="submit" name="decision" value="deny" class="${warned ? '' : 'secondary'}">
          Deny
        </button>
        <button type="submit" name="decision" value="allow" class="${warned ? 'secondary' : ''}">
          Allow
        </button>
      </div>
    </form>`,
    { wide: true },
  );
}
