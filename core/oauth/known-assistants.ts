import { isLoopbackHost } from './redirect-uris.js';

/** A well-known assistant: the words its name is known by, and the hosts its codes go to. */
export interface KnownAssistant {
  readonly name: string;
  /** Lower-case letters and digits, looked for inside the client's name with spaces removed. */
  readonly words: readonly string[];
  /** Redirect hosts it uses; a host also matches its subdomains. */
  readonly hosts: readonly string[];
}

/**
 * Why this table: anyone may register a client under any name (RFC 7591), so a phishing page can
 * register as "Claude" with its own redirect URI and mail a desk user a real sign-in link. The
 * consent page warns when a self-registered client's name looks like one of these assistants
 * while the code would go to a host that is not theirs (their documented OAuth callbacks, e.g.
 * claude.ai/api/mcp/auth_callback, chatgpt.com/connector_platform_oauth_redirect,
 * global.consent.azure-apim.net/redirect, vscode.dev/redirect). Loopback redirects never warn:
 * they reach a program on the person's own computer (Claude Desktop through mcp-remote, Claude
 * Code, VS Code, Cursor, Gemini CLI), which no web site can receive.
 */
export const knownAssistants: readonly KnownAssistant[] = Object.freeze([
  { name: 'Claude', words: ['claude', 'anthropic'], hosts: ['claude.ai', 'claude.com'] },
  { name: 'ChatGPT', words: ['chatgpt', 'openai'], hosts: ['chatgpt.com', 'openai.com'] },
  {
    name: 'Microsoft Copilot',
    words: ['copilot', 'microsoft'],
    hosts: ['consent.azure-apim.net', 'microsoft.com', 'github.com', 'vscode.dev'],
  },
  { name: 'Gemini', words: ['gemini', 'google'], hosts: ['google.com'] },
  { name: 'VS Code', words: ['vscode', 'visualstudio'], hosts: ['vscode.dev', 'github.com'] },
  { name: 'Cursor', words: ['cursor'], hosts: ['cursor.com', 'cursor.sh'] },
]);

/** Cyrillic and Greek letters and digits that pass for Latin ones in a name ("Сlaude", "C1aude"). */
const lookAlikes: Readonly<Record<string, string>> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ӏ: 'l',
  ԁ: 'd',
  ɡ: 'g',
  α: 'a',
  ε: 'e',
  ο: 'o',
  ρ: 'p',
  ι: 'i',
  ν: 'v',
  τ: 't',
  κ: 'k',
  '0': 'o',
  '1': 'l',
};

/** Lower-case Latin letters and digits only, accents and look-alikes folded. */
function plain(name: string): string {
  return [...name.normalize('NFKD').toLowerCase()]
    .map((c) => lookAlikes[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

const hostMatches = (host: string, known: string): boolean =>
  host === known || host.endsWith(`.${known}`);

/**
 * The assistant a self-registered client's name imitates when its redirect host is not that
 * assistant's, else undefined. `redirectHost` is a URL's `hostname`.
 *
 * @example
 * lookAlikeOf('Claude', 'evil.example')?.name // 'Claude'
 * lookAlikeOf('Claude', 'claude.ai') // undefined
 */
export function lookAlikeOf(clientName: string, redirectHost: string): KnownAssistant | undefined {
  if (isLoopbackHost(redirectHost)) return undefined;
  const name = plain(clientName);
  const named = knownAssistants.filter((a) => a.words.some((w) => name.includes(w)));
  const host = redirectHost.toLowerCase();
  if (named.some((a) => a.hosts.some((h) => hostMatches(host, h)))) return undefined;
  return named[0];
}
