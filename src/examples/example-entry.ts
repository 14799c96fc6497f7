/** One file of an example package, before it is zipped. */
export interface ExampleEntry {
  /** Path inside the zip, `/`-separated. */
  name: string;
  data: string | Buffer;
  /** Stored with unix mode 0755 instead of 0644. */
  executable?: boolean;
  /** Defaults to the package build date. */
  mtime?: Date;
}
