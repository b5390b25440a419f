// The typed messages between the panel host (extension/vscode/panel.ts) and the webview (webview/).
// Both sides import this file; nothing crosses postMessage without one of these constants.
import type { AlignmentEvidence, RolloutEvidence, SearchEvent, SearchNode, SearchResult, SearchStats, TraceResult, VerifiedSection, VerifiedStep, VerifyResult } from './engine/index';
import type { SearchSnapshot } from './searchReducer';

// A step's evidence carries the progress scorer's rollouts and the reference scorer's alignment (webview/progressChart.ts).
export type { AlignmentEvidence, RolloutEvidence, SearchEvent, SearchNode, SearchResult, SearchStats, SearchSnapshot, TraceResult, VerifiedSection, VerifiedStep, VerifyResult };

/** A suggested replacement for a weak step, scored; `tail` continues the solution after it. */
export interface Correction {
  weakIndex: number;
  original: { text: string; score: number };
  replacement: { text: string; score: number };
  tail: { text: string; score: number }[];
  reason: string;
  answer?: string;
  improved: boolean;
}

export interface VerificationView {
  docUri: string;
  /** Workspace-relative (never an absolute path). */
  fileName: string;
  problem: string;
  result: VerifyResult;
  corrections: Record<number, Correction>;
  /** A reasoning model's trace before the answer: its sections, verdicts and corrections. */
  trace?: TraceResult;
}

export interface SearchStart {
  problem: string;
  strategy: string;
  /** Where a step counts as wrong (default 0.5); the live best path is coloured with it. */
  threshold?: number;
}

export interface Envelope<M extends string, P> {
  method: M;
  params: P;
}

/** A message type: its method name carries its params type; `is()` checks an incoming message. */
export class MessageType<M extends string, P> {
  constructor(
    readonly method: M,
    /** Checks the params of a message from the other side; the webview is not trusted blindly. */
    private readonly validParams: (p: unknown) => boolean = () => true,
  ) {}

  create(params: P): Envelope<M, P> {
    return { method: this.method, params };
  }

  is(msg: unknown): msg is Envelope<M, P> {
    return isRecord(msg) && msg.method === this.method && this.validParams(msg.params);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const hasRequestId = (p: unknown): boolean => isRecord(p) && isString(p.requestId);

// ── webview → host ──
export const Ready = new MessageType<'ready', Record<string, never>>('ready');
export const ApplyCorrection = new MessageType<'applyCorrection', { requestId: string; docUri: string; stepIndex: number }>(
  'applyCorrection',
  (p) => hasRequestId(p) && isRecord(p) && isString(p.docUri) && isIndex(p.stepIndex),
);
export const Cancel = new MessageType<'cancel', Record<string, never>>('cancel');
export const InsertSolution = new MessageType<'insertSolution', { requestId: string }>('insertSolution', hasRequestId);
/** A search restored after a reload cannot be inserted: its solution is copied to the clipboard instead. */
export const CopySolution = new MessageType<'copySolution', { requestId: string }>('copySolution', hasRequestId);
export const SelectNode = new MessageType<'selectNode', { id: string }>('selectNode', (p) => isRecord(p) && isString(p.id));
export const VerifyAgain = new MessageType<'verifyAgain', { docUri: string }>('verifyAgain', (p) => isRecord(p) && isString(p.docUri));

// ── host → webview ──
export const ShowVerification = new MessageType<'showVerification', VerificationView>('showVerification');
/** The reasoning-trace sections of the verification last shown for `docUri`. */
export const ShowTrace = new MessageType<'showTrace', { docUri: string; trace: TraceResult }>('showTrace');
export const ShowCorrection = new MessageType<'showCorrection', { docUri: string; correction: Correction }>('showCorrection');
export const BeginSearch = new MessageType<'beginSearch', SearchStart>('beginSearch');
/** Search events batched by the host (it sends at most one of these every ~120 ms). */
export const SearchEvents = new MessageType<'searchEvents', { events: SearchEvent[] }>('searchEvents');
export const ShowSearchResult = new MessageType<'showSearchResult', { result: SearchResult }>('showSearchResult');
/** A whole search at once (the tree's search shown again, or one restored after a reload). */
export const ShowSearch = new MessageType<'showSearch', { search: SearchSnapshot }>('showSearch');
export const RevealNode = new MessageType<'revealNode', { id: string }>('revealNode');
export const ShowError = new MessageType<'showError', { message: string; fix?: string }>('showError');
export const ShowRunning = new MessageType<'showRunning', { running: boolean }>('showRunning');
/** The answer to a webview request (applyCorrection, insertSolution, copySolution). */
export const RequestDone = new MessageType<'requestDone', { requestId: string; ok: boolean; error?: string }>('requestDone');

type MessageOf<T> = T extends MessageType<infer M, infer P> ? Envelope<M, P> : never;

export type WebviewToHost =
  | MessageOf<typeof Ready>
  | MessageOf<typeof ApplyCorrection>
  | MessageOf<typeof Cancel>
  | MessageOf<typeof InsertSolution>
  | MessageOf<typeof CopySolution>
  | MessageOf<typeof SelectNode>
  | MessageOf<typeof VerifyAgain>;

export type HostToWebview =
  | MessageOf<typeof ShowVerification>
  | MessageOf<typeof ShowCorrection>
  | MessageOf<typeof ShowTrace>
  | MessageOf<typeof BeginSearch>
  | MessageOf<typeof SearchEvents>
  | MessageOf<typeof ShowSearchResult>
  | MessageOf<typeof ShowSearch>
  | MessageOf<typeof RevealNode>
  | MessageOf<typeof ShowError>
  | MessageOf<typeof ShowRunning>
  | MessageOf<typeof RequestDone>;
