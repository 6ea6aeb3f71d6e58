// The server fences text people wrote (summaries, details, notes) for the assistant:
// `<untrusted-text source="ticket 42 summary">…</untrusted-text>` (core/tool/untrusted-text.ts).
// A person reading the view sees the text itself; the fence is for models, not for eyes.

// The server rewrites the tag's name inside the text, so one fence's text never contains it.
const fence =
  /^<untrusted-text source="[^"<>\r\n]*">((?:(?!untrusted-text)[\s\S])*)<\/untrusted-text>$/;

/**
 * The text inside one whole fence, or the text unchanged when it is not exactly one fence.
 *
 * @example
 * unfence('<untrusted-text source="ticket 7 summary">VPN down</untrusted-text>') // "VPN down"
 */
export function unfence(text: string): string {
  const match = fence.exec(text);
  return match ? (match[1] ?? '') : text;
}
