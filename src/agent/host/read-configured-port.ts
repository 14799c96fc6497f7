import { parseConfigText } from '../../preflight/detectors/config-key/parse-config-text.js';
import { readTextFile } from './read-text-file.js';

/** The port a config file sets under `key` (`dten.listen.port`); undefined when absent or not a port number. */
export async function readConfiguredPort(configFile: string, key: string): Promise<number | undefined> {
  const text = (await readTextFile(configFile).catch(() => undefined))?.text;
  const value = text === undefined ? undefined : parseConfigText(configFile, text).get(key)?.value;
  const port = value === undefined || !/^\d+$/.test(value) ? undefined : Number(value);
  return port !== undefined && port <= 65_535 ? port : undefined;
}
