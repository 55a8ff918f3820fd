/** Control's "Alliance" tab: the escalation ladder (with its playbook and the Move control) and the cohesion matrix. Evaluators read it. */
import type { View } from '@concord/shared/views/index';
import { fill } from '../dom.ts';
import type { Ctx, Panel } from '../panel.ts';
import { escalationWidget } from './escalation-widget.ts';
import { cohesionMatrix } from './cohesion-matrix.ts';

export function alliancePanel(): Panel {
  const ladder = escalationWidget();
  const matrix = cohesionMatrix();
  return {
    mount(root) {
      fill(root, ladder.root, matrix.root);
    },
    update(view: View, ctx: Ctx) {
      ladder.update(view, ctx);
      matrix.update(view, ctx);
    },
  };
}
