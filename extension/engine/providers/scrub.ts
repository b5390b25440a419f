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

/** Longest server text quoted in a message. */
const MAX_QUOTED = 300;

/**
 * What a server sent instead of JSON, in a few words: an HTML page by its title, other text cut short with its length,
 * so a web page is never pasted whole into a message.
 */
export function describeBody(body: string, contentType: string | null): string {
  const text = body.trim();
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body)\b/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
    return `an HTML page${title ? ` titled "${title.slice(0, 80)}"` : ''} (${text.length.toLocaleString('en-US')} characters), not a model server's JSON`;
  }
  if (!text) return 'an empty body';
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= MAX_QUOTED ? flat : `${flat.slice(0, MAX_QUOTED)}… (${flat.length.toLocaleString('en-US')} characters in all)`;
}
