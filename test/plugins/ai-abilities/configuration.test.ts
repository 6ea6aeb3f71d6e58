import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  aiAbilitiesPlugin,
  defineAbility,
  summariseAbility,
  type AbilitySpec,
} from '../../../plugins/ai-abilities/index.js';
import { resolveProviderSettings } from '../../../plugins/ai-abilities/provider-settings.js';
import { retryDelay } from '../../../plugins/ai-abilities/retry-delay.js';

const spec: AbilitySpec = {
  id: 'translate',
  title: 'Translate',
  description: 'Translates the ticket into English.',
  instructions: 'You translate tickets.',
  template: 'Translate {{ticket}}',
};

function configError(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    const coded = error as { code?: string; message: string };
    // The message itself starts with the code; check that it is the error's code too.
    expect(coded.code).toBe('CONFIG_INVALID');
    return coded.message;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('ai-abilities provider settings', () => {
  it.each([
    ['https://api.openai.com', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1', 'https://api.openai.com/v1/chat/completions'],
    ['http://localhost:11434/v1/', 'http://localhost:11434/v1/chat/completions'],
    ['https://gw.example/openai/v1', 'https://gw.example/openai/v1/chat/completions'],
    [
      'https://az.example/deployments/d1/chat/completions?api-version=2024-06-01',
      'https://az.example/deployments/d1/chat/completions?api-version=2024-06-01',
    ],
  ])('resolves the endpoint of %s', (url, endpoint) => {
    const settings = resolveProviderSettings({ url, model: 'm' }, {});
    expect(settings?.endpoint.href).toBe(endpoint);
  });

  it('reads SDM_AI_URL, SDM_AI_MODEL and SDM_AI_API_KEY when no provider is given', () => {
    const settings = resolveProviderSettings(undefined, {
      SDM_AI_URL: 'https://llm.example/v1',
      SDM_AI_MODEL: 'small-model',
      SDM_AI_API_KEY: 'sk-1',
    });
    expect(settings).toMatchObject({
      host: 'llm.example',
      model: 'small-model',
      apiKey: 'sk-1',
      apiKeyEnv: 'SDM_AI_API_KEY',
      timeoutMs: 30_000,
      retries: 2,
    });
  });

  it('has no provider when neither variable is set, or when provider is false', () => {
    expect(resolveProviderSettings(undefined, {})).toBeUndefined();
    expect(
      resolveProviderSettings(false, { SDM_AI_URL: 'https://x.example', SDM_AI_MODEL: 'm' }),
    ).toBeUndefined();
  });

  it('sends no key when the default variable is unset (a local model)', () => {
    expect(resolveProviderSettings({ url: 'http://localhost:8080', model: 'm' }, {})?.apiKey).toBe(
      undefined,
    );
  });

  it.each([
    [
      { url: 'ftp://llm.example', model: 'm' },
      'provider.url must be an http:// or https:// URL, not ftp:',
    ],
    [{ url: 'not a url', model: 'm' }, 'provider.url is "not a url", which is not a URL'],
    [{ url: '', model: 'm' }, 'provider.url is missing'],
    [{ url: 'https://llm.example', model: ' ' }, 'provider.model is missing'],
    [
      { url: 'https://llm.example', model: 'm', apiKeyEnv: 'AI_ABILITIES_UNSET_KEY' },
      'provider.apiKeyEnv names AI_ABILITIES_UNSET_KEY, which is not set',
    ],
    [{ url: 'https://llm.example', model: 'm', timeoutMs: 0 }, 'provider.timeoutMs is 0'],
    [{ url: 'https://llm.example', model: 'm', retries: -1 }, 'provider.retries is -1'],
  ])('refuses the provider %j at startup', (provider, rule) => {
    expect(configError(() => aiAbilitiesPlugin({ provider }))).toContain(
      `CONFIG_INVALID: plugin "ai-abilities": ${rule}`,
    );
  });

  it('refuses half of the environment settings', () => {
    expect(
      configError(() => resolveProviderSettings(undefined, { SDM_AI_URL: 'https://x.example' })),
    ).toBe(
      'CONFIG_INVALID: plugin "ai-abilities": SDM_AI_URL is set but SDM_AI_MODEL is not; set both, or neither',
    );
    expect(configError(() => resolveProviderSettings(undefined, { SDM_AI_MODEL: 'm' }))).toContain(
      'SDM_AI_MODEL is set but SDM_AI_URL is not',
    );
    expect(
      configError(() =>
        resolveProviderSettings(undefined, { SDM_AI_URL: 'file:///x', SDM_AI_MODEL: 'm' }),
      ),
    ).toContain('SDM_AI_URL must be an http:// or https:// URL');
  });

  it('never puts the key in a message', () => {
    const message = configError(() =>
      resolveProviderSettings({ url: 'gopher://h', model: 'm' }, { SDM_AI_API_KEY: 'sk-hidden' }),
    );
    expect(message).not.toContain('sk-hidden');
  });
});

describe('defineAbility and the plugin options', () => {
  const badSpecs: [Partial<AbilitySpec>, string][] = [
    [{ id: 'Bad-Id' }, 'has an invalid id: use snake_case'],
    [{ id: 'x'.repeat(58) }, 'has an invalid id'],
    [{ title: ' ' }, 'needs a title and a description'],
    [{ instructions: '' }, 'needs instructions'],
    [{ render: () => 'both' }, 'must have exactly one of template and render'],
    [
      { template: 'Hi {{ticket.requester_email}}' },
      'uses the placeholder {{ticket.requester_email}}',
    ],
    [{ maxTokens: 0 }, 'has maxTokens 0'],
    [{ temperature: 3 }, 'has temperature 3'],
  ];
  it.each(badSpecs)('refuses %j', (change, rule) => {
    expect(configError(() => defineAbility({ ...spec, ...change }))).toContain(
      `CONFIG_INVALID: plugin "ai-abilities": ability "${change.id ?? 'translate'}" ${rule}`,
    );
  });

  it('fills in defaults and freezes the ability', () => {
    const ability = defineAbility({ ...spec, output: z.object({ english: z.string() }) });
    expect(ability).toMatchObject({ kind: 'ai-ability', maxTokens: 1000, temperature: 0.2 });
    expect(Object.isFrozen(ability)).toBe(true);
  });

  it('refuses an ability listed twice, one not made by defineAbility, and a bad instruction limit', () => {
    expect(
      configError(() =>
        aiAbilitiesPlugin({ provider: false, abilities: [summariseAbility, summariseAbility] }),
      ),
    ).toContain('ability id "summarise" is listed twice');
    expect(
      configError(() => aiAbilitiesPlugin({ provider: false, abilities: [{ ...spec } as never] })),
    ).toContain('abilities must be made with defineAbility');
    expect(
      configError(() => aiAbilitiesPlugin({ provider: false, maxInstructionLength: 0 })),
    ).toContain('maxInstructionLength is 0');
  });
});

describe('retry delays', () => {
  it('doubles from 250 ms and honours Retry-After in seconds or as a date', () => {
    expect([0, 1, 2].map((attempt) => retryDelay(attempt))).toEqual([250, 500, 1000]);
    expect(retryDelay(0, '3')).toBe(3000);
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    expect(retryDelay(0, inTwoSeconds)).toBeGreaterThan(900);
    expect(retryDelay(1, 'soon')).toBe(500);
  });
});
