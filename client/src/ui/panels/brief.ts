/** The road to war, the team's private brief, and the treaties in force. */
import type { View } from '@concord/shared/views/index';
import { fill, h } from '../dom.ts';
import type { Ctx, Panel } from '../panel.ts';

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => h('p', {}, p));

export function briefPanel(): Panel {
  const root = h('div', { class: 'prose' });
  let rendered = -1;
  return {
    mount(el) {
      fill(el, root);
    },
    update(view: View, ctx: Ctx) {
      if (rendered === view.exercise.seq) return;
      rendered = view.exercise.seq;
      const own = ctx.nation ? view.nations.find((n) => n.id === ctx.nation) : null;
      fill(
        root,
        view.brief.nation !== null ? [h('h3', {}, `${own?.name ?? ctx.nation}: private brief`), ...paragraphs(view.brief.nation)] : null,
        own?.caveats?.length ? [h('h4', {}, 'National caveats'), h('ul', {}, ...own.caveats.map((c) => h('li', {}, c)))] : null,
        h('h3', {}, 'Situation'),
        ...paragraphs(view.brief.public),
        view.treaties.length ? h('h3', {}, 'Treaties') : null,
        ...view.treaties.map((t) =>
          h(
            'section',
            { class: 'treaty' },
            h('h4', {}, `${t.name} (${t.parties.join(', ')})`),
            h(
              'ul',
              {},
              ...t.clauses.map((c) =>
                h(
                  'li',
                  {},
                  h('strong', {}, `${c.article} — ${c.title}: `),
                  c.text,
                  h('small', { class: 'meta' }, ` [${c.type.replace('_', ' ')}, ${c.decisionRule}]`),
                ),
              ),
            ),
          ),
        ),
      );
    },
  };
}
