import type { KnownBlock } from '../../src/messages/block-kit/types.js';
import { expect } from 'vitest';
import { BLOCK_KIT_LIMITS as L } from '../../src/messages/block-kit/limits.js';

/** Fails on anything Slack would refuse with `invalid_blocks` (the limits the chat messages use). */
export function expectWithinLimits(message: { text: string; blocks: KnownBlock[] }): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(L.messageText);
  expect(message.blocks.length).toBeLessThanOrEqual(L.blocksPerMessage);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(L.headerText);
    if (block.type === 'section') {
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(L.sectionText);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(L.sectionFields);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(L.fieldText);
    }
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(L.contextElements);
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(L.actionsElements);
      for (const element of block.elements) {
        if (element.type !== 'button') continue;
        expect(element.text.text.length).toBeLessThanOrEqual(L.buttonText);
        expect(element.value?.length ?? 0).toBeLessThanOrEqual(L.buttonValue);
        expect(element.action_id?.length ?? 0).toBeLessThanOrEqual(L.actionId);
        expect(element.confirm?.title?.text.length ?? 0).toBeLessThanOrEqual(L.confirmTitle);
        expect(element.confirm?.text.text.length ?? 0).toBeLessThanOrEqual(L.confirmText);
        expect(element.confirm?.confirm?.text.length ?? 0).toBeLessThanOrEqual(L.confirmButtonText);
        expect(element.confirm?.deny?.text.length ?? 0).toBeLessThanOrEqual(L.confirmButtonText);
      }
    }
  }
}

/** Every text a person could read in the blocks, one per line, for "does it say …" assertions. */
export function blockText(blocks: readonly KnownBlock[]): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else visit(value);
      }
    }
  };
  visit(blocks);
  return texts.join('\n');
}
