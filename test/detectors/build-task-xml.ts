import { encodeUtf16 } from '../preflight/encode-utf16.js';

export const EXEC = '<Exec><Command>C:\\dten\\job.cmd</Command></Exec>';

/** A Task Scheduler definition as `schtasks /query /xml` or the Task Scheduler UI exports it. */
export function taskXml(triggers: string, actions = EXEC): string {
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo><Author>Vendor</Author><URI>\\Dten Backup</URI></RegistrationInfo>',
    `  <Triggers>${triggers}</Triggers>`,
    '  <Principals><Principal id="Author"><UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel></Principal></Principals>',
    '  <Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy><Enabled>true</Enabled></Settings>',
    `  <Actions Context="Author">${actions}</Actions>`,
    '</Task>',
  ].join('\r\n');
}

/** UTF-16LE with a byte-order mark, as Windows writes these files. */
export function utf16(text: string): Buffer {
  return encodeUtf16(text);
}
