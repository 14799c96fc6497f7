import type { TextObject } from '../messages/block-kit/types.js';
import type { Painter } from './create-painter.js';
import { decodeEntities } from './decode-entities.js';
import { escapeLines } from './escape-lines.js';
import { renderMrkdwn } from './render-mrkdwn.js';

/** A text object as terminal text: mrkdwn is read, plain_text only has Slack's three escapes decoded. */
export function renderTextObject(object: TextObject, paint: Painter): string {
  return object.type === 'mrkdwn' ? renderMrkdwn(object.text, paint) : decodeEntities(escapeLines(object.text));
}
