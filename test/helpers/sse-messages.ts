/**
 * Reads SSE `data:` messages from a response until `until` holds or the stream ends, then
 * cancels the rest of the stream.
 *
 * @example
 * const seen = await sseMessages(response, (seen) => seen.some((m) => 'result' in m));
 */
export async function sseMessages(
  response: Response,
  until: (seen: readonly Record<string, unknown>[]) => boolean,
): Promise<Record<string, unknown>[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: Record<string, unknown>[] = [];
  let buffer = '';
  while (!until(seen)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const event of events) {
      const data = event.split('\n').find((line) => line.startsWith('data: '));
      if (data) seen.push(JSON.parse(data.slice(6)) as Record<string, unknown>);
    }
  }
  await reader.cancel().catch(() => undefined);
  return seen;
}
