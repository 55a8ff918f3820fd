/**
 * Where forces may go, and where they went. A nation sees the access rights it grants or holds
 * (both sides know an agreement or an activation they are bound by) and its own deployments;
 * control sees all; the public none. Another nation's deployment shows only as its asset's new
 * position on the map, and only if that asset is visible.
 */
import { accessRights } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';

export function access({ state, control, nation }: ViewCtx) {
  const rights = control || nation !== null ? accessRights(state) : [];
  return { access: rights.filter((r) => control || r.user === nation || r.host === nation) };
}

export function deployments({ state, control, nation }: ViewCtx) {
  return { deployments: state.deployments.filter((d) => control || d.nation === nation) };
}
