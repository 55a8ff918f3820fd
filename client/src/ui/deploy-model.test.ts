import { describe, expect, it } from 'vitest';
import { accessTo } from '@concord/shared/engine/index';
import { nationAudience, project } from '@concord/shared/views/index';
import { actors, harness, ofType, type Harness } from '../../../tests/helpers/harness.ts';
import { basisLabel, cannotDeploy, deployPhaseNote, destinations } from './deploy-model.ts';

const { ARN, BRV, CSM } = actors;
const NATIONS = ['ARN', 'BRV', 'CSM'] as const;

/** The destinations the card offers each nation agree with the engine's accessTo, region by region. */
function agreesWithEngine(h: Harness): void {
  for (const n of NATIONS) {
    const view = project(h.state, nationAudience(n));
    const list = destinations(view, n, '(nowhere)');
    expect(list.map((d) => d.region).sort()).toEqual(view.map.regions.map((r) => r.id).sort());
    for (const d of list) expect(d.basis, `${n} → ${d.region}`).toEqual(accessTo(h.state, n, d.region));
    for (const d of list) expect(d.open, `${n} → ${d.region}`).toBe(accessTo(h.state, n, d.region) !== null);
  }
}

const byRegion = (h: Harness, n: string, from: string) =>
  Object.fromEntries(destinations(project(h.state, nationAudience(n)), n, from).map((d) => [d.region, [d.open, d.why]]));

function inForce(h: Harness, title: string, parties: string[], regions: string[] = []) {
  const [p] = ofType(
    h.ok(ARN, {
      type: 'agreement.propose',
      title,
      parties,
      rule: 'consensus',
      clauses: [{ type: 'basing_access', title: 'Ports and airfields', text: 'Each party opens its regions.', regions }],
    }),
    'agreement.proposed',
  );
  const id = p!.agreement;
  h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 1 });
  for (const n of parties) h.ok(n === 'BRV' ? BRV : CSM, { type: 'agreement.sign', agreement: id, version: 1 });
  return id;
}

describe('deployment destinations', () => {
  it('without agreements: own and open regions only, an ally closed, the adversary held', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    agreesWithEngine(h);
    expect(byRegion(h, 'ARN', 'arnholm')).toEqual({
      bravaria: [false, 'Bravaria has not opened it to your forces'],
      cosmara: [false, 'Cosmara has not opened it to your forces'],
      'drex-march': [false, expect.stringMatching(/^held by .+: an action for exercise control to adjudicate$/)],
      'grey-sound': [true, 'open sea'],
      'harbour-net': [true, 'open cyberspace'],
    });
    expect(destinations(project(h.state, nationAudience('ARN')), 'ARN', 'arnholm')[0]?.open).toBe(true);
  });

  it('a basing agreement in force opens the parties to each other, within the regions its clause names', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    inForce(h, 'Grey Sound accord', ['BRV']);
    inForce(h, 'Arnholm ports', ['CSM'], ['arnholm']);
    agreesWithEngine(h);
    expect(byRegion(h, 'ARN', 'arnholm').bravaria).toEqual([true, 'basing agreement: Grey Sound accord']);
    // The second agreement opens Arnholm to Cosmara, not Cosmara to Arnholm.
    expect(byRegion(h, 'ARN', 'arnholm').cosmara?.[0]).toBe(false);
    expect(byRegion(h, 'CSM', 'cosmara').arnholm).toEqual([true, 'basing agreement: Arnholm ports']);
  });

  it('collective defence activated opens the attacked member to every member', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [c] = ofType(
      h.ok(ARN, {
        type: 'treaty.invoke',
        treaty: 'harbour-compact',
        clause: 'hc-art3',
        grounds: 'Armed attack on Cosmara.',
        onBehalfOf: 'CSM',
      }),
      'consultation.opened',
    );
    h.ok(BRV, { type: 'consultation.position', consultation: c!.consultation, stance: 'support', statement: '' });
    h.ok(CSM, { type: 'consultation.position', consultation: c!.consultation, stance: 'support', statement: '' });
    agreesWithEngine(h);
    expect(byRegion(h, 'BRV', 'bravaria').cosmara).toEqual([true, 'collective defence for Cosmara']);
    expect(byRegion(h, 'BRV', 'bravaria').arnholm?.[0]).toBe(false);
  });

  it('says when an asset cannot deploy, and when forces can', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    let view = project(h.state, nationAudience('ARN'));
    expect(deployPhaseNote(view)).toBe('Forces can be deployed during the "Submit actions" phase.');
    h.advanceTo(1, 'submit');
    view = project(h.state, nationAudience('ARN'));
    expect(deployPhaseNote(view)).toBeNull();
    const fighters = view.assets.find((a) => a.id === 'arn-fighters')!;
    expect(cannotDeploy(view, fighters)).toBeNull();
    expect(cannotDeploy(view, { ...fighters, readiness: 'not_ready' })).toBe('Not ready to deploy');
    h.ok(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'grey-sound' });
    view = project(h.state, nationAudience('ARN'));
    expect(
      cannotDeploy(
        view,
        view.assets.find((a) => a.id === 'arn-fighters')!,
      ),
    ).toBe('Already deployed this turn');
    const d = view.deployments[0]!;
    expect(basisLabel(view, d.basis, d.to)).toBe('open sea');
  });
});
