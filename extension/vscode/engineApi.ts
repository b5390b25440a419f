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

export const engineApi = { verifyText, solveText, suggestCorrection, checkConnection, listModels, pullModel, saveTrace, loadTrace };
