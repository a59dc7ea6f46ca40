import { describe, expect, it } from 'vitest';
import { mayView, statusKeys } from '../../../src/domain/claims/status.ts';

describe('who may see a claim', () => {
  it('is the customer it belongs to, or the conversation it was reported from — nobody else', () => {
    const claim = { customerId: 'c1', conversationId: 'conv1' };
    expect(mayView(claim, { customerId: 'c1', conversationId: 'other' })).toBe(true);
    expect(mayView(claim, { customerId: null, conversationId: 'conv1' })).toBe(true);
    expect(mayView(claim, { customerId: 'c2', conversationId: 'conv2' })).toBe(false);
    expect(mayView(claim, { customerId: null, conversationId: 'conv2' })).toBe(false);
    expect(mayView({ customerId: 'c1', conversationId: null }, { customerId: undefined, conversationId: '' })).toBe(false);
  });

  it('maps statuses to plain-word catalog keys, unknown ones to "reported"', () => {
    expect(statusKeys('awaiting_documents')).toEqual({ status: 'claim:status.awaiting_documents', next: 'claim:statusNext.awaiting_documents' });
    expect(statusKeys('weird').status).toBe('claim:status.reported');
  });
});
