import { describe, expect, it } from 'vitest';
import { lookAlikeOf } from '../../../core/oauth/known-assistants.js';

describe('lookAlikeOf: a client named like a well-known assistant whose code goes elsewhere', () => {
  it.each([
    ['Claude', 'evil.example', 'Claude'],
    ['Claude', 'claude.ai.evil.example', 'Claude'],
    // Cyrillic С, a digit for l, accents and spacing do not hide the name.
    ['Сlaude', 'evil.example', 'Claude'],
    ['C1aude Desktop', 'evil.example', 'Claude'],
    ['Chat GPT connector', 'evil.example', 'ChatGPT'],
    ['OpenAI', 'evil.example', 'ChatGPT'],
    ['Microsoft Copilot Studio', 'evil.example', 'Microsoft Copilot'],
    ['Gémini', 'evil.example', 'Gemini'],
    ['Visual Studio Code', 'evil.example', 'VS Code'],
    ['Cursor', 'evil.example', 'Cursor'],
  ])('%j sending to %s imitates %s', (name, host, assistant) =>
    expect(lookAlikeOf(name, host)?.name).toBe(assistant),
  );

  it.each([
    ['Claude', 'claude.ai'],
    ['Claude', 'claude.com'],
    ['ChatGPT', 'chatgpt.com'],
    ['Copilot Studio', 'global.consent.azure-apim.net'],
    ['GitHub Copilot', 'vscode.dev'],
    ['Visual Studio Code', 'vscode.dev'],
    // Loopback: a desktop app on the person's own computer.
    ['Claude Desktop', '127.0.0.1'],
    ['mcp-remote for Claude', 'localhost'],
    ['Cursor', '[::1]'],
    // A name like no known assistant.
    ['Desk helper', 'evil.example'],
  ])('%j sending to %s is not flagged', (name, host) =>
    expect(lookAlikeOf(name, host)).toBeUndefined(),
  );
});
