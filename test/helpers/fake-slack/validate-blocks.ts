import { BLOCK_KIT_LIMITS as LIMITS } from '../../../src/messages/block-kit/limits.js';

type Json = Record<string, unknown>;
type Report = (problem: string, at: string) => void;

/** Block types Slack takes that the fake does not inspect further (none of our limits applies to them). */
const UNINSPECTED = new Set(['image', 'rich_text', 'markdown', 'input', 'file', 'video', 'table']);

/**
 * Slack's checks on the blocks of a message (50) or a view (100), with the limits in `limits.ts`: each problem
 * as Slack words it in an `invalid_blocks` answer, `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`.
 */
export function validateBlocks(blocks: readonly unknown[], maxBlocks: number, root = '/blocks'): string[] {
  const errors: string[] = [];
  const report: Report = (problem, at) => errors.push(`${problem} [json-pointer:${at}]`);
  if (blocks.length > maxBlocks) report(`no more than ${maxBlocks} items allowed`, root);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const at = `${root}/${index}`;
    if (!isObject(block) || typeof block.type !== 'string') return report('must be a block with a type', at);
    if (block.block_id !== undefined && checkString(block.block_id, `${at}/block_id`, LIMITS.blockId, report)) {
      if (blockIds.has(block.block_id as string)) report('duplicate block_id', `${at}/block_id`);
      blockIds.add(block.block_id as string);
    }
    checkBlock(block, at, report);
  });
  return errors;
}

function checkBlock(block: Json, at: string, report: Report): void {
  switch (block.type) {
    case 'header':
      return checkText(block.text, `${at}/text`, LIMITS.headerText, report, 'plain_text');
    case 'section':
      return checkSection(block, at, report);
    case 'context':
      return checkList(block.elements, `${at}/elements`, LIMITS.contextElements, report, (element, where) =>
        isObject(element) && element.type === 'image'
          ? checkString(element.alt_text, `${where}/alt_text`, LIMITS.textObject, report)
          : checkText(element, where, LIMITS.textObject, report),
      );
    case 'actions': {
      const actionIds = new Set<string>();
      return checkList(block.elements, `${at}/elements`, LIMITS.actionsElements, report, (element, where) => {
        checkElement(element, where, report);
        const id = isObject(element) ? element.action_id : undefined;
        if (typeof id === 'string' && actionIds.has(id)) report('duplicate action_id', `${where}/action_id`);
        if (typeof id === 'string') actionIds.add(id);
      });
    }
    case 'divider':
      return;
    default:
      if (!UNINSPECTED.has(String(block.type))) report(`unsupported block type: ${String(block.type)}`, `${at}/type`);
  }
}

function checkSection(block: Json, at: string, report: Report): void {
  if (block.text === undefined && block.fields === undefined) report('must provide either text or fields', at);
  if (block.text !== undefined) checkText(block.text, `${at}/text`, LIMITS.sectionText, report);
  if (block.fields !== undefined) {
    checkList(block.fields, `${at}/fields`, LIMITS.sectionFields, report, (field, where) =>
      checkText(field, where, LIMITS.fieldText, report),
    );
  }
  if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, report);
}

function checkElement(element: unknown, at: string, report: Report): void {
  if (!isObject(element) || typeof element.type !== 'string') return report('must be an element with a type', at);
  if (element.action_id !== undefined) checkString(element.action_id, `${at}/action_id`, LIMITS.actionId, report);
  if (element.type !== 'button') return;
  checkText(element.text, `${at}/text`, LIMITS.buttonText, report, 'plain_text');
  if (element.value !== undefined) checkString(element.value, `${at}/value`, LIMITS.buttonValue, report);
  if (element.url !== undefined) checkString(element.url, `${at}/url`, LIMITS.buttonUrl, report);
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
    report('must be a valid enum value', `${at}/style`);
  }
  if (element.confirm !== undefined) checkConfirm(element.confirm, `${at}/confirm`, report);
}

function checkConfirm(confirm: unknown, at: string, report: Report): void {
  if (!isObject(confirm)) return report('must be a confirm object', at);
  checkText(confirm.title, `${at}/title`, LIMITS.confirmTitle, report, 'plain_text');
  checkText(confirm.text, `${at}/text`, LIMITS.confirmText, report);
  checkText(confirm.confirm, `${at}/confirm`, LIMITS.confirmButtonText, report, 'plain_text');
  checkText(confirm.deny, `${at}/deny`, LIMITS.confirmButtonText, report, 'plain_text');
}

function checkList(
  list: unknown,
  at: string,
  max: number,
  report: Report,
  checkItem: (item: unknown, at: string) => unknown,
): void {
  if (!Array.isArray(list)) return report('must be an array', at);
  if (list.length === 0) report('must have at least 1 item', at);
  if (list.length > max) report(`no more than ${max} items allowed`, at);
  list.forEach((item, index) => checkItem(item, `${at}/${index}`));
}

function checkText(text: unknown, at: string, max: number, report: Report, only?: 'plain_text'): void {
  if (!isObject(text)) return report('must be a text object', at);
  if (text.type !== 'plain_text' && (only !== undefined || text.type !== 'mrkdwn')) {
    return report('must be a valid enum value', `${at}/type`);
  }
  checkString(text.text, `${at}/text`, max, report);
}

function checkString(value: unknown, at: string, max: number, report: Report): boolean {
  if (typeof value !== 'string') report('must be a string', at);
  else if (value.length === 0) report('must be more than 0 characters', at);
  else if (value.length > max) report(`must be less than ${max + 1} characters`, at);
  else return true;
  return false;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
