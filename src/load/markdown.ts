// Hands the site's markdown-it to the loader (markdown-ref.ts): imported first by the loader's public entries,
// site.ts and report.ts.
import { markdown } from '../render/markdown.ts';
import { provideMarkdown } from './markdown-ref.ts';

provideMarkdown(markdown);
