const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Base64 characters decoded at most: more than a command line holds (32,767 characters on Windows). */
const MAX_BASE64 = 65536;
/** The share of a decoded script that must be printable ASCII: PowerShell code is, bar a name or a string. */
const MIN_PLAIN = 0.9;

/**
 * The script a `powershell -EncodedCommand` argument holds: base64 of UTF-16LE text. Undefined when the argument is
 * not that, or does not decode to text that reads as a script (base64 of UTF-8 text, say, which PowerShell would
 * not run either).
 */
export function decodeEncodedCommand(argument: string): string | undefined {
  if (argument.length > MAX_BASE64 || argument.length % 4 !== 0 || !BASE64.test(argument)) return undefined;
  const bytes = Buffer.from(argument, 'base64');
  if (bytes.length === 0 || bytes.length % 2 !== 0) return undefined;
  const script = bytes.toString('utf16le').replace(/^\uFEFF/, '');
  let plain = 0;
  for (const char of script) {
    const code = char.charCodeAt(0);
    // Control characters and undecodable bytes are what tells binary from text.
    if ((code < 0x20 && !'\t\n\r'.includes(char)) || code === 0xfffd) return undefined;
    if (code < 0x7f) plain++;
  }
  return script.trim() !== '' && plain >= script.length * MIN_PLAIN ? script : undefined;
}
