// The engine's public face: the CLI and the extension import only from here.
export * from './errors';
export * from './config';
export * from './providers/provider';
export * from './scorers/scorer';
export * from './scorers/aggregate';
export * from './steps/types';
export * from './search/types';
export * from './verify';
export * from './session';
export * from './scorers';
export { createProvider } from './providers';
export * from './eval/processbench';
export * from './search';
export * from './correct';
export * from './steps/answers';
export { segmentSteps } from './steps/segment';
export { parseDocument, parseSelection } from './steps/document';
export { ScoreMemory, rememberScores } from './scorers/memory';
