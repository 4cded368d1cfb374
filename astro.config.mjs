// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { fileURLToPath } from 'node:url';
import { remarkDeck } from './src/lib/slides/remark-deck.ts';
import { codeSteps } from './src/lib/slides/shiki-code-steps.ts';
import { validateContent } from './src/integrations/validate-content.ts';

export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  markdown: {
    syntaxHighlight: 'shiki',
    shikiConfig: {
      themes: { dark: 'github-dark-high-contrast', light: 'github-light-high-contrast' },
      defaultColor: false,
      transformers: [codeSteps()],
    },
    // Only slides/*.mdx are decks; lab MDX shares this pipeline and is left as written.
    remarkPlugins: [[remarkDeck, { slidesDir: fileURLToPath(new URL('./slides', import.meta.url)) }]],
  },
  integrations: [validateContent(), mdx()],
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // reveal.js (and its plugins) in chunks of their own, so a deck page ships reveal.js + Podium's small script.
        output: {
          manualChunks(id) {
            if (id.includes('/node_modules/reveal.js/dist/plugin/')) return `reveal-${id.split('/').pop()?.replace(/\.m?js$/, '')}`;
            if (id.includes('/node_modules/reveal.js/')) return 'reveal';
            return undefined;
          },
        },
      },
    },
  },
  image: { service: { entrypoint: 'astro/assets/services/noop' } },
});
