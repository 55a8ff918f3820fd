/**
 * Entry point: restore a saved session or show the join screen; the exercise screen for the
 * participant's role is loaded on demand.
 */
import './style.css';
import { forgetSession, savedSession, Session } from './net/session.ts';
import { codesScreen, createScreen, joinScreen } from './ui/join.ts';

const app = document.getElementById('app');
if (!app) throw new Error('Concord: the page has no #app element to mount in');
const root: HTMLElement = app;

async function enter(session: Session): Promise<void> {
  root.replaceChildren();
  root.textContent = 'Connecting…';
  try {
    await session.connect();
  } catch (e) {
    forgetSession();
    const code = (e as { code?: number }).code;
    showJoin(
      code === 525 ? 'Your session has ended or was revoked. Join again with your code.' : 'Could not connect to the exercise. Try again.',
    );
    return;
  }
  session.onEnd((_why, message) => showJoin(message));
  const { mountShell } = await import('./ui/shell.ts');
  await mountShell(root, session, () => showJoin());
}

function showJoin(notice?: string): void {
  if (location.hash !== '' && location.hash !== '#/') history.replaceState(null, '', '#/');
  joinScreen(root, (s) => void enter(s), notice);
}

async function route(): Promise<void> {
  if (location.hash === '#/create') {
    await createScreen(root, (created) => {
      history.replaceState(null, '', '#/codes');
      codesScreen(root, created, (code) => {
        void Session.join(code, 'Exercise control').then((s) => {
          history.replaceState(null, '', '#/');
          void enter(s);
        });
      });
    });
    return;
  }
  const saved = savedSession();
  if (saved) return enter(new Session(saved));
  showJoin();
}

window.addEventListener('hashchange', () => {
  if (location.hash === '#/create' || location.hash === '#/' || location.hash === '') void route();
});
void route();
