import { describe, expect, it } from 'vitest';
import { segmentMath, showBidiControls } from '../../webview/segments';

describe('segmentMath', () => {
  it('splits inline and display math from text, for all four delimiters', () => {
    expect(segmentMath('So $x = 2$, then $$y^2$$ and \\(z\\) or \\[w\\].')).toEqual([
      { kind: 'text', text: 'So ' },
      { kind: 'math', tex: 'x = 2', display: false },
      { kind: 'text', text: ', then ' },
      { kind: 'math', tex: 'y^2', display: true },
      { kind: 'text', text: ' and ' },
      { kind: 'math', tex: 'z', display: false },
      { kind: 'text', text: ' or ' },
      { kind: 'math', tex: 'w', display: true },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves money, escaped dollars and unclosed delimiters as text', () => {
    expect(segmentMath('It costs $5 and $6 in total.')).toEqual([{ kind: 'text', text: 'It costs $5 and $6 in total.' }]);
    expect(segmentMath('Pay \\$3 now')).toEqual([{ kind: 'text', text: 'Pay \\$3 now' }]);
    expect(segmentMath('open $x + 1 never closed')).toEqual([{ kind: 'text', text: 'open $x + 1 never closed' }]);
    expect(segmentMath('a $x\n\ny$ b')).toEqual([{ kind: 'text', text: 'a $x\n\ny$ b' }]);
  });

  it('keeps markup-like text verbatim as a text segment (it is shown with textContent)', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    expect(segmentMath(hostile)).toEqual([{ kind: 'text', text: hostile }]);
  });

  it('keeps a dollar inside math intact', () => {
    expect(segmentMath('$\\$2 \\times 3$')).toEqual([{ kind: 'math', tex: '\\$2 \\times 3', display: false }]);
  });

  it('makes bidi override and isolate characters visible', () => {
    expect(showBidiControls('a\u202Eb\u2066c\u2069')).toBe('a⟦U+202E⟧b⟦U+2066⟧c⟦U+2069⟧');
    const segs = segmentMath('x \u202E$y$');
    expect(segs[0]).toEqual({ kind: 'text', text: 'x ⟦U+202E⟧' });
    expect(JSON.stringify(segs)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('bare \\boxed answers', () => {
  it('renders \\boxed{...} outside delimiters as math, braces balanced', async () => {
    const { segmentMath } = await import('../../webview/segments');
    expect(segmentMath('so the answer is \\boxed{\\frac{1}{2}}.')).toEqual([
      { kind: 'text', text: 'so the answer is ' },
      { kind: 'math', tex: '\\boxed{\\frac{1}{2}}', display: false },
      { kind: 'text', text: '.' },
    ]);
    expect(segmentMath('\\boxed{unclosed')).toEqual([{ kind: 'text', text: '\\boxed{unclosed' }]);
  });
});
