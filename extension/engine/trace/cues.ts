// The words with which reasoning models open a new piece of thinking. Each pattern is tested against the
// start of a paragraph (after emphasis and a leading "But"/"Hmm,"/"Okay,"), so the cost is linear in the
// paragraph's first line.
import type { SectionKind } from './types';

const LEAD = /^[ \t>]*(?:\*\*|__|\*|_)?[ \t]*(?:(?:but|and|so|okay|ok|oh|ah|hmm+|well|now),?[ \t]+)?/i;

const REFLECTION =
  /^(?:wait\b|hold on\b|hmm+\b|actually\b|oops\b|no,|no\.|nope\b|that(?:'s| is| was| can't be| cannot be) (?:not |wrong|incorrect|impossible|a mistake)|this (?:is|seems|looks) (?:wrong|incorrect|off|impossible)|i (?:think i |must have |)(?:made|make) (?:a |an )?(?:mistake|error)|i (?:see|realize) (?:the|my) (?:mistake|error)|(?:that|this) contradicts|on second thought|let me (?:re-?think|reconsider|re-?examine|re-?evaluate|re-?read|go back))/i;

const VERIFICATION =
  /^(?:let me (?:double[- ]check|check|verify|confirm|re-?check|re-?compute|re-?calculate|test|plug)|let's (?:double[- ]check|check|verify|confirm|re-?check|plug)|double[- ]check|to (?:verify|confirm|double[- ]check|check)|check(?:ing)?:|verif(?:y|ying|ication)\b|sanity check)/i;

const STRATEGY =
  /^(?:alternative(?:ly)?\b|another (?:approach|way|method|idea)|a (?:different|better|simpler|cleaner) (?:approach|way|method)|let(?: me|'s) (?:try|think about|consider|use|approach) (?:it |this |the problem )?(?:a |an )?(?:different|another|other|new|alternative)|let(?: me|'s) (?:start over|restart|try again|approach (?:it|this) differently)|maybe (?:i|we) (?:should|can|could) (?:try|use|approach|instead)|instead(?: of\b|,)|what if (?:i|we)\b|perhaps (?:a|there's a|there is a) (?:better|simpler|different|cleaner)|or maybe (?:i|we)\b)/i;

const SUBTASK =
  /^(?:now,? (?:let(?:'s| me| us)|i need|we need|i have|we have|to)|next,|first(?:ly)?,|second(?:ly)?,|third(?:ly)?,|finally,|then,? let(?:'s| me)|step \d+|let(?:'s| me| us) (?:now )?(?:compute|calculate|find|figure out|determine|work out|set up|solve|write|express|count|list|start|subtract|add|divide|multiply|combine|simplify|expand|factor|evaluate|substitute|apply|convert|share|split)|so,? (?:the problem|now)\b)/i;

/** The kind of section a paragraph opens, or null when it just goes on with the current one. */
export function cueOf(firstLine: string): Exclude<SectionKind, 'continuation'> | null {
  const rest = firstLine.slice(LEAD.exec(firstLine)?.[0].length ?? 0);
  if (STRATEGY.test(rest)) return 'strategy-shift';
  if (VERIFICATION.test(rest)) return 'verification';
  if (REFLECTION.test(rest)) return 'reflection';
  if (SUBTASK.test(rest)) return 'attempt';
  return null;
}
