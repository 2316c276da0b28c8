/** A typed value from the text an admin entered for an outcome field (by the catalogue field's kind). */
export function outcomeValue(kind: string | undefined, text: string): unknown {
  if (kind === 'number' || kind === 'money') return text.trim() === '' ? null : Number(text);
  if (kind === 'boolean') return text === 'true';
  if (kind === 'tags' || kind === 'multi') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text === '' ? null : text;
}
