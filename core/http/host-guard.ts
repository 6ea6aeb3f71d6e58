import { isLoopbackHost } from '../collection/build-registries.js';

/** The Host and Origin values a server accepts, against DNS rebinding. */
export interface HostPolicy {
  readonly hosts: ReadonlySet<string>;
  readonly origins: ReadonlySet<string>;
}

/**
 * Builds the accepted Host headers (host:port, lower case) and Origins. On loopback, every
 * loopback name at the bound port is accepted; otherwise only the public URL's host and the
 * configured extras.
 */
export function hostPolicy(options: {
  host: string;
  port: number;
  publicUrl: string;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
}): HostPolicy {
  const hosts = new Set<string>();
  const add = (value: string): void => {
    hosts.add(value.toLowerCase());
  };
  const publicUrl = new URL(options.publicUrl);
  add(publicUrl.host);
  if (isLoopbackHost(options.host) || options.host === '0.0.0.0' || options.host === '::') {
    for (const name of ['localhost', '127.0.0.1', '[::1]']) add(`${name}:${options.port}`);
  }
  if (!isLoopbackHost(options.host) && options.host !== '0.0.0.0' && options.host !== '::')
    add(`${options.host}:${options.port}`);
  for (const extra of options.allowedHosts) add(extra);
  const origins = new Set<string>([
    publicUrl.origin,
    ...options.allowedOrigins.map((o) => o.toLowerCase()),
  ]);
  for (const host of hosts) origins.add(`http://${host}`);
  return { hosts, origins };
}

/** Why a request is refused, or undefined when its Host and Origin are acceptable. */
export function checkHostAndOrigin(
  policy: HostPolicy,
  request: { host: string | undefined; origin: string | undefined; probe: boolean },
): { code: 'HTTP_HOST_NOT_ALLOWED' | 'HTTP_ORIGIN_NOT_ALLOWED'; message: string } | undefined {
  const { host, origin } = request;
  // Health probes (an orchestrator calling the pod's own address) skip the Host check; they
  // reveal nothing a rebinding page could use, and the Origin check below still applies.
  if (!request.probe && (host === undefined || !policy.hosts.has(host.toLowerCase()))) {
    return {
      code: 'HTTP_HOST_NOT_ALLOWED',
      message: `Host header "${host ?? ''}" is not allowed; add it to http.allowedHosts if this server is reached under that name`,
    };
  }
  if (origin !== undefined && !policy.origins.has(origin.toLowerCase())) {
    return {
      code: 'HTTP_ORIGIN_NOT_ALLOWED',
      message: `Origin "${origin}" is not allowed; add it to http.allowedOrigins to let that web page call this server`,
    };
  }
  return undefined;
}
