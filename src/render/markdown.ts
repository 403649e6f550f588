// Report prose is content, not code: our own markdown-it with raw HTML off, no template engine in front of it,
// and no inline styles (markdown-it's table alignment would break a strict style-src CSP).
import MarkdownIt from 'markdown-it';

export const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Allowlist link schemes: markdown-it already refuses javascript:, this also refuses data:, file: and the rest.
markdown.validateLink = (url: string) => /^(https?:|mailto:|#|\/|\.{0,2}\/)/i.test(url.trim()) || !/^[a-z][a-z0-9+.-]*:/i.test(url.trim());

for (const rule of ['th_open', 'td_open'] as const) {
  markdown.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrs = (tokens[idx]!.attrs ?? []).filter(([name]) => name !== 'style');
    return self.renderToken(tokens, idx, options);
  };
}
