/**
 * The intel library: each report under its banner, with portion marks, regions by name, when it
 * reached the reader and the provenance trail it may see; a tearline shows only the tearline.
 * Control also sees status, ground truth, verdict and holders. (Action forms: see docs/intel.md.)
 */
import type { View } from '@concord/shared/views/index';
import { classificationClass, grading } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { nationName, nationsLabel, regionName } from '../labels.ts';
import { empty, type Ctx, type Panel } from '../panel.ts';

type Report = View['intel'][number];

const BASIS: Record<string, string> = {
  rel_to: 'within REL TO',
  agreement: 'under an intelligence-sharing agreement',
  orcon_approval: "with the originator's ORCON approval",
  assessment: 'assessment',
};

function title(view: View, r: Report): string {
  if (r.title !== null) return r.part === 'tearline' ? `Tearline: ${r.title}` : r.title;
  return `Tearline — ${nationName(view, r.originator)} report, turn ${r.releasedTurn ?? '?'}`;
}

function trail(view: View, r: Report) {
  const lines = view.intelShares.filter((s) => s.report === r.id);
  if (!lines.length) return null;
  return h(
    'ul',
    { class: 'trail' },
    ...lines.map((s) =>
      h(
        'li',
        {},
        `Turn ${s.turn}: ${nationName(view, s.from)} (${s.by.name}) → ${nationsLabel(view, s.to)}, ${s.part === 'tearline' ? 'tearline, ' : ''}${BASIS[s.basis] ?? s.basis}${s.note ? ` — “${s.note}”` : ''}`,
      ),
    ),
  );
}

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
                { class: 'item report', 'data-intel': r.id, 'data-part': r.part },
                h('div', { class: `banner-line ${classificationClass(r.banner)}` }, r.banner),
                h('h3', {}, title(view, r)),
                h(
                  'p',
                  { class: 'meta' },
                  `From ${nationName(view, r.originator)}${r.grading ? ` · grading ${grading(r.grading)}` : ''}${r.released ? ` · turn ${r.releasedTurn}` : ' · not yet released'}${r.orcon ? ' · originator controls onward release' : ''}`,
                ),
                ...r.portions.map((p) =>
                  h('p', { class: 'message' }, p.mark ? h('strong', { class: 'portion' }, `(${p.mark}) `) : null, p.text),
                ),
                r.regions.length
                  ? h(
                      'p',
                      { class: 'regions' },
                      'Regions: ',
                      ...r.regions.map((g) => h('button', { class: 'chip', onclick: () => ctx.selectRegion(g) }, regionName(view, g))),
                    )
                  : null,
                trail(view, r),
                r.control
                  ? h(
                      'div',
                      { class: 'control-only' },
                      h('strong', {}, `Ground truth (control only, ${r.control.truth ?? 'no verdict'}): `),
                      r.control.groundTruth,
                      h('br'),
                      `Status ${r.control.status} · releasable to ${nationsLabel(view, r.control.recipients)} · held by ${nationsLabel(
                        view,
                        r.control.holders.map((x) => x.nation),
                      )}`,
                    )
                  : null,
                h('div', { class: `banner-line ${classificationClass(r.banner)}` }, r.banner),
              ),
            )
          : empty('No intelligence has reached you yet.'),
      );
    },
  };
}
