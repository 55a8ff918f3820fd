/** Intelligence reports, each under its classification banner; control also sees ground truth. */
import type { View } from '@concord/shared/views/index';
import { classificationClass, grading } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { nationName, nationsLabel, regionName } from '../labels.ts';
import { empty, type Ctx, type Panel } from '../panel.ts';

export function intelPanel(): Panel {
  const list = h('div', { class: 'list' });
  return {
    mount(root) {
      fill(root, list);
    },
    update(view: View, ctx: Ctx) {
      const reports = [...view.intel].sort((a, b) => (b.releasedAt ?? 0) - (a.releasedAt ?? 0));
      fill(
        list,
        reports.length
          ? reports.map((r) =>
              h(
                'article',
                { class: 'item report', 'data-intel': r.id },
                h('div', { class: `banner-line ${classificationClass(r.banner)}` }, r.banner),
                h('h3', {}, r.title),
                h(
                  'p',
                  { class: 'meta' },
                  `From ${nationName(view, r.originator)} · grading ${r.grading ? grading(r.grading) : 'none'}${r.released ? ` · turn ${r.releasedTurn}` : ' · not yet released'}${r.orcon ? ' · originator controls onward release' : ''}`,
                ),
                h('p', { class: 'message' }, r.body),
                r.regions.length
                  ? h(
                      'p',
                      { class: 'regions' },
                      'Regions: ',
                      ...r.regions.map((g) => h('button', { class: 'chip', onclick: () => ctx.selectRegion(g) }, regionName(view, g))),
                    )
                  : null,
                r.control
                  ? h(
                      'div',
                      { class: 'control-only' },
                      h('strong', {}, 'Ground truth (control only): '),
                      r.control.groundTruth,
                      h('br'),
                      `Releasable to: ${nationsLabel(view, r.control.recipients)} · release turn ${r.control.releaseTurn}`,
                    )
                  : null,
                h('div', { class: `banner-line ${classificationClass(r.banner)}` }, r.banner),
              ),
            )
          : empty('No intelligence has been released to you yet.'),
      );
    },
  };
}
