export type Tone = 'bold' | 'italic' | 'strike' | 'code' | 'dim' | 'primary' | 'danger';

/** Wraps text in a tone; a no-op unless colour was asked for, so logs and pipes stay plain. */
export type Painter = (tone: Tone, text: string) => string;

const SGR: Record<Tone, readonly [on: number, off: number]> = {
  bold: [1, 22],
  italic: [3, 23],
  strike: [9, 29],
  code: [36, 39],
  dim: [2, 22],
  primary: [32, 39],
  danger: [31, 39],
};

export function createPainter(color: boolean): Painter {
  if (!color) return (_tone, text) => text;
  return (tone, text) => `\x1b[${SGR[tone][0]}m${text}\x1b[${SGR[tone][1]}m`;
}
