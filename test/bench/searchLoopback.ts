// Beam search against the loopback model server (real Ollama client, judge scorer), every request answered after a
// fixed latency. The server runs in its own thread, as a real server would, and keeps the clock: wall time is from
// its first request in to its last answer out, set against the bound of one generation round and one scoring round
// per level (2 × latency × levels).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createProvider } from '../../extension/engine/providers';
import { createJudgeScorer } from '../../extension/engine/scorers/judge';
import { createModelProposer } from '../../extension/engine/search/propose';
import { runSearch } from '../../extension/engine/search/run';
import { judgeReply, startModelServer, type ScriptRequest } from '../servers/modelServer';

export const LATENCY_MS = 60;
const STEPS = 4;
const PROBLEMS = 5;
const ROLE = 'stepwise-loopback-server';

/** Policy: the rest of a right solution of STEPS steps (cut at "\n\n" by the server); judge: always sure. */
function reply(req: ScriptRequest) {
  if ((req.messages[0]?.content ?? '').includes('careful math teacher')) return judgeReply(0.9);
  const last = req.messages.at(-1)!;
  const done = last.role === 'assistant' ? last.content.split('\n\n').filter(Boolean).length : 0;
  const seed = req.seed ?? 0;
  const steps = Array.from({ length: STEPS }, (_, i) => `## Step ${i + 1}: move ${(seed + i) % 3}.` + (i === STEPS - 1 ? ' So \\boxed{4}.' : ''));
  return steps.slice(done).join('\n\n');
}

/** In the server thread: serve, note when requests arrive and are answered, report on request. */
async function serveInThisThread(): Promise<void> {
  let arrivals: number[] = [];
  let answers: number[] = [];
  const server = await startModelServer({
    delayMs: LATENCY_MS,
    fault: (r) => void (r.script && arrivals.push(performance.now())),
    reply: (req) => {
      answers.push(performance.now());
      return reply(req);
    },
  });
  parentPort!.on('message', async (msg: string) => {
    if (msg === 'clock') {
      parentPort!.postMessage({ wallMs: Math.max(...answers) - Math.min(...arrivals), requests: arrivals.length });
      arrivals = [];
      answers = [];
    } else if (msg === 'close') {
      await server.close();
      process.exit(0);
    }
  });
  parentPort!.postMessage({ url: server.url });
}

if (!isMainThread && workerData?.role === ROLE) void serveInThisThread();

interface ServerThread {
  url: string;
  clock(): Promise<{ wallMs: number; requests: number }>;
  close(): Promise<void>;
}

function startServerThread(): Promise<ServerThread> {
  // The bundled bench script is its own worker entry (see the check above).
  const worker = new Worker(__filename, { workerData: { role: ROLE } });
  const next = <T>() => new Promise<T>((resolve) => worker.once('message', resolve));
  return next<{ url: string }>().then(({ url }) => ({
    url,
    clock: () => {
      const answer = next<{ wallMs: number; requests: number }>();
      worker.postMessage('clock');
      return answer;
    },
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  }));
}

async function beamOnce(url: string, problem: string, seed: number): Promise<number> {
  const provider = createProvider({ kind: 'ollama', baseUrl: url });
  const result = await runSearch({
    problem,
    strategy: 'beam',
    proposer: createModelProposer(provider, 'qwen2.5:7b'),
    scorer: createJudgeScorer({ provider, model: 'judge:latest', concurrency: 8 }),
    aggregation: 'last',
    options: { n: 4, beamWidth: 2, maxDepth: STEPS + 2, temperature: 0.8, seed, concurrency: 8, budget: {} },
  });
  return Math.max(...result.nodes.map((n) => n.depth));
}

export async function benchSearchLoopback(): Promise<string> {
  const server = await startServerThread();
  try {
    await beamOnce(server.url, 'warm-up', 0); // first connections, JIT and the CAS that groups answers
    await server.clock();
    let wall = 0;
    let bound = 0;
    let requests = 0;
    for (let p = 0; p < PROBLEMS; p++) {
      const levels = await beamOnce(server.url, `What is ${p} + 4 - ${p}?`, 100 + p);
      const clock = await server.clock();
      wall += clock.wallMs;
      requests += clock.requests;
      bound += 2 * LATENCY_MS * levels;
    }
    return [
      `Beam search (N=4, M=2) at the loopback server (Ollama wire, judge scorer, server in its own thread), ${LATENCY_MS} ms per request, ` +
        `${STEPS}-step solutions, ${PROBLEMS} problems. Wall time on the server's clock (first request in to last answer out) against ` +
        'the bound of 2 round trips per level at the fixed latency.',
      '',
      '| wall / bound | wall | bound | requests |',
      '|---|---|---|---|',
      `| ${(wall / bound).toFixed(3)} | ${Math.round(wall)} ms | ${bound} ms | ${requests} |`,
    ].join('\n') + '\n';
  } finally {
    await server.close();
  }
}
