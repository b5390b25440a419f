import { judgeReply, type ScriptReply, type ScriptRequest } from '../servers/modelServer';

export const PROBLEM = 'What is (2 + 3) * 4?';
export const RIGHT = ['## Step 1: 2 + 3 = 5.', '## Step 2: 5 * 4 = 20.', '## Step 3: The answer is \\boxed{20}.'];
export const WRONG = ['## Step 1: 2 + 3 = 6.', '## Step 2: 6 * 4 = 24.', '## Step 3: The answer is \\boxed{24}.'];

/**
 * A scripted model server for searches. Policy: the rest of a solution (the server cuts it at the "\n\n" stop);
 * even seeds start on the wrong chain. Judge: doubts the wrong chain.
 */
export function searchReply(right = RIGHT, wrong = WRONG, extra: Omit<ScriptReply, 'text'> = {}) {
  return (req: ScriptRequest): ScriptReply => {
    if ((req.messages[0]?.content ?? '').includes('careful math teacher')) {
      return judgeReply(/= 6\b|= 24\b|\{24\}/.test(req.messages.at(-1)!.content) ? 0.1 : 0.92);
    }
    const last = req.messages.at(-1)!;
    const prefix = last.role === 'assistant' ? last.content.split('\n\n').filter(Boolean) : [];
    const onWrong = prefix.length ? prefix[0] === wrong[0] : (req.seed ?? 0) % 2 === 0;
    return { text: (onWrong ? wrong : right).slice(prefix.length).join('\n\n'), ...extra };
  };
}
