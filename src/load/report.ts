// One report's loader (report-core.ts) with markdown-it at hand, as site.ts: see markdown-ref.ts.
import './markdown.ts';

export * from './report-core.ts';
