// Soak: 500 verifications in a row through verifyText against the loopback server. Heap used after a full GC
// must stay flat, and no timer or socket may pile up. Run with `node --expose-gc`.
import { defaultConfig, verifyText } from '../../extension/engine';
import { judgeReply, startModelServer } from '../servers/modelServer';


const EVERY = 100;
const DOC = `## Problem

A bakery sells muffins for $3 each and cookies for $1.50 each. Maya buys 4 muffins and 6 cookies and pays with a $50 bill. How much change does she get?

## Solution

The muffins cost 4 × $3 = $12.

The cookies cost 6 × $1.50 = $9.

Together she spends $12 + $9 = $21.

Her change is $50 - $21 = $29, so the answer is \\boxed{29}.
`;

async function settledHeapMb(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('benchSoak needs node --expose-gc');
  // Let closed sockets and finished timers unwind before measuring.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const activeResources = () => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length;

export async function benchSoak(RUNS = 500): Promise<string> {
  const server = await startModelServer({ reply: () => judgeReply(0.9) });
  try {
    const config = { ...defaultConfig(), provider: { kind: 'ollama' as const, baseUrl: server.url }, scorer: 'judge' as const };
    const rows: string[] = ['| verifications | heap used after GC | active handles | ms per verification |', '|---:|---:|---:|---:|'];
    const heaps: number[] = [];
    let last = performance.now();
    let requests = 0;
    for (let done = 0; done <= RUNS; done++) {
      if (done % EVERY === 0) {
        const heap = await settledHeapMb();
        heaps.push(heap);
        const now = performance.now();
        const per = done === 0 ? '—' : ((now - last) / EVERY).toFixed(1);
        rows.push(`| ${done} | ${heap.toFixed(2)} MB | ${activeResources()} | ${per} |`);
        last = performance.now();
      }
      if (done === RUNS) break;
      const { result } = await verifyText(config, DOC);
      // The loopback server records every request: count them and drop the records, so only the engine is measured.
      requests += server.requests.length;
      server.requests.length = 0;
      server.received.length = 0;
      if (result.steps.length !== 4 || result.firstError !== -1) throw new Error(`verification ${done} went wrong: ${JSON.stringify(result.steps.map((s) => s.score))}`);
    }
    const growth = heaps.at(-1)! - heaps[1]!;
    rows.push('', `${requests} judge requests; heap change from 100 to ${RUNS} verifications: ${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB (${((growth / (RUNS - EVERY)) * 1024).toFixed(2)} KB per verification).`);
    return rows.join('\n');
  } finally {
    await server.close();
  }
}
