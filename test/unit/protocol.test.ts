import { describe, expect, it } from 'vitest';
import { ApplyCorrection, InsertSolution, Ready, SelectNode, ShowError, VerifyAgain } from '../../extension/protocol';

describe('panel protocol', () => {
  it('creates messages that its own guard accepts and that survive postMessage (JSON) unchanged', () => {
    const msg = ApplyCorrection.create({ requestId: 'r1', docUri: 'file:///a.md', stepIndex: 2 });
    const wire = JSON.parse(JSON.stringify(msg));
    expect(ApplyCorrection.is(wire)).toBe(true);
    expect(wire.params).toEqual({ requestId: 'r1', docUri: 'file:///a.md', stepIndex: 2 });
  });

  it('tells message types apart by method', () => {
    const ready = Ready.create({});
    expect(Ready.is(ready)).toBe(true);
    expect(ShowError.is(ready)).toBe(false);
    expect(Ready.is({ method: 'ready' })).toBe(true);
  });

  it.each([
    ['string index', { requestId: 'r1', docUri: 'file:///a.md', stepIndex: '2' }],
    ['negative index', { requestId: 'r1', docUri: 'file:///a.md', stepIndex: -1 }],
    ['fractional index', { requestId: 'r1', docUri: 'file:///a.md', stepIndex: 1.5 }],
    ['missing uri', { requestId: 'r1', stepIndex: 1 }],
    ['missing request id', { docUri: 'file:///a.md', stepIndex: 1 }],
    ['no params', undefined],
  ])('rejects an applyCorrection from the webview with %s', (_name, params) => {
    expect(ApplyCorrection.is({ method: 'applyCorrection', params })).toBe(false);
  });

  it('rejects junk that is not a message at all', () => {
    for (const junk of [null, undefined, 'ready', 42, [], { params: {} }]) {
      expect(Ready.is(junk)).toBe(false);
      expect(SelectNode.is(junk)).toBe(false);
    }
    expect(SelectNode.is({ method: 'selectNode', params: { id: 7 } })).toBe(false);
    expect(VerifyAgain.is({ method: 'verifyAgain', params: {} })).toBe(false);
    expect(InsertSolution.is({ method: 'insertSolution', params: {} })).toBe(false);
  });
});
