import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../webview/diff';

const shown = (parts: ReturnType<typeof wordDiff>['before']) =>
  parts.map((p) => `${p.op === 'same' ? '' : p.op === 'removed' ? '-' : '+'}${p.token.kind === 'text' ? p.token.text : `$${p.token.tex}$`}`).filter((t) => t.trim() !== '' && !/^[+-]\s+$/.test(t));

describe('correction word diff', () => {
  it('marks only the changed words and keeps the rest', () => {
    const d = wordDiff('She eats 3 eggs, so 16 - 3 = 12 are left.', 'She eats 3 eggs, so 16 - 3 = 13 are left.');
    expect(shown(d.before)).toEqual(['She', 'eats', '3', 'eggs,', 'so', '16', '-', '3', '=', '-12', 'are', 'left.']);
    expect(shown(d.after)).toEqual(['She', 'eats', '3', 'eggs,', 'so', '16', '-', '3', '=', '+13', 'are', 'left.']);
  });

  it('treats a formula as one token: a changed formula is replaced whole, an unchanged one stays', () => {
    const d = wordDiff('Then $x^2 = 4$ so $x = 2$.', 'Then $x^2 = 4$ so $x = \\pm 2$.');
    expect(shown(d.before)).toEqual(['Then', '$x^2 = 4$', 'so', '-$x = 2$', '.']);
    expect(shown(d.after)).toEqual(['Then', '$x^2 = 4$', 'so', '+$x = \\pm 2$', '.']);
  });
});
