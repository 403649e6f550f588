// The loader (site-core.ts) with markdown-it at hand: what every program but `nianbao check` imports. Report pages
// render the sections' Markdown, and a body the plain heading reader cannot read needs markdown-it's block parser;
// markdown.ts is imported first, so both find it however the loader is called. See markdown-ref.ts.
import './markdown.ts';

export * from './site-core.ts';
