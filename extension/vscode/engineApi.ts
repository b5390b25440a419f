// The engine calls the VS Code layer makes, gathered in one object so commands read as `engineApi.verifyText(...)`.
import {
  checkConnection,
  listModels,
  loadTrace,
  pullModel,
  saveTrace,
  solveText,
  suggestCorrection,
  verifyText,
  type CorrectionResult,
  type SolveTextOptions,
} from '../engine/index';

export type Correction = CorrectionResult;
export type SearchOptions = SolveTextOptions['search'];

// Getters, so that building this object at activation does not load the engine bundle (dist/engine.js).
export const engineApi = {
  get verifyText() { return verifyText; },
  get solveText() { return solveText; },
  get suggestCorrection() { return suggestCorrection; },
  get checkConnection() { return checkConnection; },
  get listModels() { return listModels; },
  get pullModel() { return pullModel; },
  get saveTrace() { return saveTrace; },
  get loadTrace() { return loadTrace; },
};
