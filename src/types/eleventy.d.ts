// Eleventy 3 ships no type definitions: the part of its programmatic API that nianbao uses.
declare module '@11ty/eleventy' {
  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    runMode?: 'build' | 'watch' | 'serve';
    source?: string;
    pathPrefix?: string;
    /** Configuration callback, run like a config file's default export. */
    config?: (eleventyConfig: unknown) => unknown;
  }
  export interface EleventyPageJson {
    url: string | false;
    inputPath: string;
    outputPath: string | false;
    content: string;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    toJSON(): Promise<EleventyPageJson[]>;
    watch(): Promise<void>;
    serve(port?: number): void;
    setIncrementalBuild(enabled: boolean): void;
  }
  export default Eleventy;
}
