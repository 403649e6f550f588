// Typed access to the search core, a plain JavaScript module served to the browser as it is
// (templates/assets/search-core.js): the indexer and the Node queries use the same tokenising and format.
// @ts-ignore -- plain JavaScript, typed below
import * as js from '../../templates/assets/search-core.js';

export interface Posting {
  df: number;
  bytes: Uint8Array;
  start: number;
  end: number;
}
export interface Manifest {
  format: number;
  hash: string;
  dir: string;
  docs: number;
  shards: number;
  chunk: number;
  filters: Array<{ name: string; file: string; values: number; bytes: number }>;
}
export interface Hit {
  url: string;
  title: string;
  filters: Record<string, string[]>;
  /** HTML: the text escaped, the matches in <mark>. */
  excerpt: string;
}
export interface SearchResult {
  query: string;
  parts: string[];
  terms: string[];
  count: number;
  next(n?: number): Promise<Hit[]>;
  done(): boolean;
}
export interface SearchIndex {
  manifest: Manifest;
  filterValues(names?: string[]): Promise<Record<string, Array<[string, number]>>>;
  search(query: string, options?: { filters?: Record<string, string | string[]>; verify?: boolean }): Promise<SearchResult>;
}

const c = js as Record<string, unknown>;
export const FORMAT = c.FORMAT as number;
export const MANIFEST = c.MANIFEST as string;
export const PAGE = c.PAGE as number;
export const foldUnit = c.foldUnit as (unit: number) => number;
export const fold = c.fold as (s: string) => string;
export const isHan = c.isHan as (cp: number) => boolean;
export const isWord = c.isWord as (unit: number) => boolean;
export const eachTerm = c.eachTerm as (text: string, emit: (term: string) => void) => void;
export const termCounts = c.termCounts as (text: string) => Map<string, number>;
export const parseQuery = c.parseQuery as (q: string) => { parts: string[]; terms: string[] };
export const filterTerm = c.filterTerm as (name: string, value: string) => string;
export const termHash = c.termHash as (term: string) => number;
export const shardOf = c.shardOf as (term: string, shards: number) => number;
export const parseShard = c.parseShard as (bytes: Uint8Array) => Map<string, Posting>;
export const decodePostings = c.decodePostings as (p: Posting) => { docs: Uint32Array; w: Uint8Array };
export const escapeHtml = c.escapeHtml as (s: string) => string;
export const excerpt = c.excerpt as (text: string, parts: string[], skip?: number, width?: number) => string | null;
export const openIndex = c.openIndex as (load: (path: string) => Promise<ArrayBuffer | Uint8Array>, options?: { baseUrl?: string }) => Promise<SearchIndex>;
