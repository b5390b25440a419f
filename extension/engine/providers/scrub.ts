/** Keeping an API key out of anything a user or a log may see. */

/**
 * The text with the key, and anything starting with its first 8 characters (servers echo a key cut short,
 * "sk-proj-abc…"), replaced by ***.
 */
export function scrubKey(text: string, key: string | undefined): string {
  if (!key) return text;
  const whole = text.split(key).join('***');
  if (key.length < 12) return whole;
  const head = key.slice(0, 8).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return whole.replace(new RegExp(`${head}[^\\s"'.,;]*`, 'g'), '***');
}
