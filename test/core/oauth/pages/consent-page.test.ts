import { describe, expect, it } from 'vitest';
import { consentPage } from '../../../../core/oauth/pages/consent-page.js';

const evil = '"><img src=x onerror=alert(1)>';

describe('consentPage', () => {
  it('escapes everything it shows: the client’s name, hosts, descriptions, tools and headings', () => {
    const page = consentPage({
      action: `/oauth/interaction/abc/confirm`,
      csrf: 'token',
      collectionTitle: `Desk ${evil}`,
      account: `sam${evil}@example.com`,
      client: {
        name: `Claude ${evil}`,
        redirectHost: `evil.example${evil}`,
        loopback: false,
        selfRegistered: true,
        imitates: { name: 'Claude', hosts: ['claude.ai'] },
      },
      areas: [
        {
          heading: `Area ${evil}`,
          permissions: [
            {
              scope: 'tickets:write:own',
              covers: ['tickets:write:own'],
              description: `Write ${evil}`,
              optional: true,
              tools: [{ name: `create${evil}`, title: `Create ${evil}`, write: true }],
            },
          ],
        },
      ],
    });
    expect(page).not.toContain('<img');
    // The client's name three times, its host and the tool's name twice, and once each the
    // collection, the account, the heading, the description and the tool's title.
    expect(page.match(/&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/g)?.length).toBe(12);
  });
});
